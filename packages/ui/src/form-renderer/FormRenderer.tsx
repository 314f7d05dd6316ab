import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { compileForm, type CompiledForm, type FieldState, type FormState, type ValidationResult } from '@tessera/forms';
import { DefinitionError, localize, type Locale } from '@tessera/rules';
import { Alert, Button, Collapse, Empty, Tabs, Tooltip, Typography } from 'antd';
import { memo, useCallback, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { entryKey, type FieldDefinition, type FormDefinition, type LayoutSection } from '../form-model/form-definition';
import { normalizeForDesigner } from '../form-designer/form-document';
import { textFor } from '../i18n/ui-locale';
import { FieldControl, type RelationSearch } from './FieldControl';
import { displayValue } from './value-display';

const text = {
  addRow: { 'zh-CN': '添加一行', en: 'Add a row' },
  removeRow: { 'zh-CN': '删除此行', en: 'Remove this row' },
  rowNumber: { 'zh-CN': '第 {n} 行', en: 'Row {n}' },
  noRows: { 'zh-CN': '暂无明细', en: 'No rows yet' },
  capitals: { 'zh-CN': '大写：{text}', en: 'In Chinese capitals: {text}' },
  invalidDefinition: { 'zh-CN': '表单定义有误，无法显示', en: 'The form definition is invalid and cannot be shown' },
};

type Translate = ReturnType<typeof textFor<keyof typeof text>>;

/** Path-addressed problems to show beside fields, e.g. `guarantors[0].name`. */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
}

export interface FormRendererHandle {
  /** Runs the form's validation as the audience, shows the errors and returns the result. */
  validate(): ValidationResult;
  /** The data as entered, computed fields filled and hidden fields stripped. */
  data(): Record<string, unknown>;
}

export interface FormRendererProps {
  /** A definition, or a form already compiled by `compileForm`. */
  form: FormDefinition | CompiledForm;
  /** Controlled data; without it the renderer keeps its own, starting from `initialData`. */
  value?: Record<string, unknown>;
  initialData?: Record<string, unknown>;
  onChange?(data: Record<string, unknown>): void;
  locale: Locale;
  role?: string | readonly string[];
  /** The process step (BPMN user-task id) the form is shown for. */
  step?: string;
  now?: string | Date;
  /** Shows every field read-only (a record's detail, a finished task). */
  readOnly?: boolean;
  /** Problems from the server (a 422's details) shown beside their fields. */
  problems?: FieldProblem[];
  searchRelation?: RelationSearch;
  ref?: Ref<FormRendererHandle>;
}

/** The validation errors the reader can act on: none on a read-only form, none on read-only fields. */
export function fixableErrors(result: ValidationResult, state: FormState | null, readOnly: boolean): ValidationResult['errors'] {
  if (readOnly) return [];
  return result.errors.filter((error) => {
    const fieldState = state?.fields[error.path];
    return !fieldState || !fieldState.readonly;
  });
}

function isCompiled(form: FormDefinition | CompiledForm): form is CompiledForm {
  return typeof (form as CompiledForm).evaluate === 'function';
}

function setAtPath(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const match = /^([^[.]+)\[(\d+)\]\.(.+)$/.exec(path);
  const next = { ...data };
  if (!match) {
    if (value === undefined) delete next[path];
    else next[path] = value;
    return next;
  }
  const [, key, index, rowKey] = match;
  const rows = Array.isArray(next[key!]) ? [...(next[key!] as Record<string, unknown>[])] : [];
  const row = { ...(rows[Number(index)] ?? {}) };
  if (value === undefined) delete row[rowKey!];
  else row[rowKey!] = value;
  rows[Number(index)] = row;
  next[key!] = rows;
  return next;
}

interface RenderContext {
  compiled: CompiledForm;
  state: FormState;
  shown: Record<string, unknown>;
  data: Record<string, unknown>;
  errors: Record<string, string>;
  readOnly: boolean;
  locale: Locale;
  t: Translate;
  change(path: string, value: unknown): void;
  searchRelation?: RelationSearch;
}

interface FieldBlockProps {
  field: FieldDefinition;
  path: string;
  value: unknown;
  shownValue: unknown;
  fieldState: FieldState | undefined;
  /** The error shown beside the field: the reader's last validation or the server's problem. */
  error: string | undefined;
  readOnly: boolean;
  locale: Locale;
  t: Translate;
  change(path: string, value: unknown): void;
  searchRelation?: RelationSearch;
  span: number;
  /** Only a subform reads the whole form's state (its rows' fields). */
  context?: RenderContext;
}

function sameOptions(a: FieldState['options'], b: FieldState['options']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((option, index) => option === b[index]);
}

/** Whether two evaluations of a field show the same thing: what FieldBlock reads of its state. */
export function sameFieldState(a: FieldState | undefined, b: FieldState | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.visible === b.visible && a.required === b.required && a.readonly === b.readonly && a.capitals === b.capitals && a.error?.message === b.error?.message && sameOptions(a.options, b.options);
}

/**
 * A field re-renders only when what it shows changed: typing in one field of a large form
 * re-renders that field (and those whose rules read it), not all of them.
 */
function sameFieldBlock(previous: FieldBlockProps, next: FieldBlockProps): boolean {
  if (next.field.type === 'subform' || previous.context !== undefined || next.context !== undefined) return false;
  return (
    previous.field === next.field &&
    previous.path === next.path &&
    Object.is(previous.value, next.value) &&
    Object.is(previous.shownValue, next.shownValue) &&
    previous.error === next.error &&
    previous.readOnly === next.readOnly &&
    previous.locale === next.locale &&
    previous.change === next.change &&
    previous.searchRelation === next.searchRelation &&
    previous.span === next.span &&
    sameFieldState(previous.fieldState, next.fieldState)
  );
}

const FieldBlock = memo(function FieldBlock({ field, path, value, shownValue, fieldState, error: shownError, readOnly, locale, t, change, searchRelation, span, context }: FieldBlockProps) {
  const onChange = useCallback((next: unknown) => change(path, next), [change, path]);
  if (!fieldState?.visible) return null;
  const label = localize(field.label, locale);
  const error = shownError ?? fieldState.error?.message;
  const readonly = readOnly || fieldState.readonly || field.type === 'computed';
  const id = `field-${path.replace(/[[\].]/g, '-')}`;

  if (field.type === 'description') {
    return (
      <div className="renderer-field renderer-description" style={{ gridColumn: `span ${span}` }}>
        <Typography.Paragraph type="secondary">{field.content ? localize(field.content, locale) : label}</Typography.Paragraph>
      </div>
    );
  }
  return (
    <div className={`renderer-field${error ? ' has-error' : ''}`} style={{ gridColumn: `span ${span}` }} data-field={path} data-readonly={readonly ? 'true' : 'false'}>
      <label className="renderer-label" htmlFor={readonly ? undefined : id}>
        {fieldState.required && <span className="renderer-required">*</span>}
        {label}
        {field.help && (
          <Tooltip title={localize(field.help, locale)}>
            <span className="renderer-help">?</span>
          </Tooltip>
        )}
      </label>
      {field.type === 'subform' && context ? (
        <SubformBlock field={field} path={path} rows={Array.isArray(value) ? (value as Record<string, unknown>[]) : []} shownRows={Array.isArray(shownValue) ? (shownValue as Record<string, unknown>[]) : []} readonly={readonly} context={context} />
      ) : readonly ? (
        <div className="renderer-value" data-testid={`value-${path}`}>
          {displayValue(field, shownValue, locale, fieldState.options)}
        </div>
      ) : (
        <FieldControl field={field} value={value} onChange={onChange} options={fieldState.options} locale={locale} invalid={!!error} id={id} searchRelation={searchRelation} />
      )}
      {fieldState.capitals && (
        <div className="renderer-capitals" data-testid={`capitals-${path}`}>
          {t('capitals', { text: fieldState.capitals })}
        </div>
      )}
      {error && (
        <div className="renderer-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}, sameFieldBlock);

/** The props a FieldBlock takes from the form-wide context. */
function blockProps(context: RenderContext, field: FieldDefinition, path: string) {
  return { error: context.errors[path], readOnly: context.readOnly, locale: context.locale, t: context.t, change: context.change, searchRelation: context.searchRelation, context: field.type === 'subform' ? context : undefined };
}

function SubformBlock({ field, path, rows, shownRows, readonly, context }: { field: FieldDefinition; path: string; rows: Record<string, unknown>[]; shownRows: Record<string, unknown>[]; readonly: boolean; context: RenderContext }) {
  const { t, compiled } = context;
  const rowFields = field.fields ?? [];
  const canAdd = !readonly && (field.maxRows === undefined || rows.length < field.maxRows);
  const stateRows = Array.isArray(context.state.data[path]) ? (context.state.data[path] as Record<string, unknown>[]) : [];
  return (
    <div className="renderer-subform" data-testid={`subform-${path}`}>
      {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noRows')} />}
      {rows.map((row, index) => (
        <div key={index} className="renderer-row">
          <div className="renderer-row-head">
            <Typography.Text type="secondary">{t('rowNumber', { n: index + 1 })}</Typography.Text>
            {!readonly && (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('removeRow')}
                onClick={() => context.change(path, rows.filter((_, position) => position !== index))}
              />
            )}
          </div>
          <div className="renderer-grid" style={{ gridTemplateColumns: `repeat(${Math.min(3, Math.max(1, rowFields.length))}, minmax(0, 1fr))` }}>
            {rowFields.map((rowField) => {
              const rowPath = `${path}[${index}].${rowField.key}`;
              const state = context.state.fields[rowPath];
              const computedValue = rowField.type === 'computed' ? stateRows[index]?.[rowField.key] : undefined;
              return (
                <FieldBlock
                  key={rowField.key}
                  field={rowField}
                  path={rowPath}
                  value={rowField.type === 'computed' ? computedValue : row[rowField.key]}
                  shownValue={rowField.type === 'computed' ? computedValue : shownRows[index]?.[rowField.key]}
                  fieldState={state && readonly ? { ...state, readonly: true } : state}
                  {...blockProps(context, rowField, rowPath)}
                  span={1}
                />
              );
            })}
          </div>
        </div>
      ))}
      {canAdd && (
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          onClick={() => {
            // A new row takes its defaults from the engine, as a first row would.
            const seeded = compiled.initialData({ ...context.data, [path]: undefined }, {});
            const template = Array.isArray(seeded[path]) && (seeded[path] as unknown[]).length > 0 ? (seeded[path] as Record<string, unknown>[])[0]! : {};
            context.change(path, [...rows, { ...template }]);
          }}
        >
          {t('addRow')}
        </Button>
      )}
    </div>
  );
}

function SectionBlock({ section, context, columns, byKey }: { section: LayoutSection; context: RenderContext; columns: number; byKey: ReadonlyMap<string, FieldDefinition> }) {
  const { state, data, shown, locale } = context;
  const sectionColumns = Math.max(1, Math.min(4, section.columns ?? columns));
  const visible = section.fields.filter((entry) => state.fields[entryKey(entry)]?.visible);
  if (visible.length === 0) return null;
  const body = (
    <div className="renderer-grid" style={{ gridTemplateColumns: `repeat(${sectionColumns}, minmax(0, 1fr))` }}>
      {visible.map((entry) => {
        const key = entryKey(entry);
        const field = byKey.get(key);
        if (!field) return null;
        const wide = field.type === 'subform' || field.type === 'textarea' || field.type === 'description';
        const span = Math.min(sectionColumns, typeof entry === 'object' && entry.span ? entry.span : wide ? sectionColumns : 1);
        return <FieldBlock key={key} field={field} path={key} value={field.type === 'computed' ? state.data[key] : data[key]} shownValue={field.type === 'computed' ? state.data[key] : shown[key]} fieldState={state.fields[key]} {...blockProps(context, field, key)} span={span} />;
      })}
    </div>
  );
  const title = section.title ? localize(section.title, locale) : null;
  if (section.collapsible && title) {
    return <Collapse className="renderer-section" defaultActiveKey={[section.key]} items={[{ key: section.key, label: title, children: body }]} />;
  }
  return (
    <section className="renderer-section" data-section={section.key}>
      {title && <h3 className="renderer-section-title">{title}</h3>}
      {body}
    </section>
  );
}

/**
 * Renders a form for one audience with `@tessera/forms`: fields the audience may not see are
 * absent, fields it may not write are shown read-only (masked as the engine projects them),
 * visibility, requiredness, options and computed values follow the definition's rules.
 */
export function FormRenderer({ form, value, initialData, onChange, locale, role, step, now, readOnly = false, problems, searchRelation, ref }: FormRendererProps) {
  const t = useMemo(() => textFor(text, locale), [locale]);
  const compiled = useMemo(() => {
    try {
      return isCompiled(form) ? form : compileForm(form);
    } catch (error) {
      return error instanceof DefinitionError ? error : new DefinitionError([{ code: 'form.invalid', message: { 'zh-CN': String(error), en: String(error) } }]);
    }
  }, [form]);
  const [ownData, setOwnData] = useState<Record<string, unknown>>(() => (compiled instanceof DefinitionError ? {} : compiled.initialData(initialData ?? value, { now })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const data = value ?? ownData;
  const audience = useMemo(() => ({ role, step, now, locale }), [role, step, now, locale]);
  const state = useMemo(() => (compiled instanceof DefinitionError ? null : compiled.evaluate(data, audience)), [compiled, data, audience]);
  const shown = useMemo(() => (compiled instanceof DefinitionError ? {} : compiled.project(data, { role, step, locale })), [compiled, data, role, step, locale]);

  // One change handler for the form's life: fields memoise on it, and it reads the latest data.
  const latest = useRef({ data, value, onChange });
  latest.current = { data, value, onChange };
  const change = useCallback((path: string, next: unknown) => {
    const current = latest.current;
    const updated = setAtPath(current.data, path, next);
    setErrors((shownErrors) => {
      if (!(path in shownErrors)) return shownErrors;
      const { [path]: _removed, ...rest } = shownErrors;
      return rest;
    });
    if (current.value === undefined) setOwnData(updated);
    current.onChange?.(updated);
  }, []);
  // The layout and the fields by key depend on the definition only, not on the data.
  const structure = useMemo(() => (compiled instanceof DefinitionError ? null : { layout: normalizeForDesigner(compiled.definition).layout!, byKey: new Map(compiled.definition.fields.map((field) => [field.key, field])) }), [compiled]);

  useImperativeHandle(
    ref,
    () => ({
      validate() {
        if (compiled instanceof DefinitionError) throw compiled;
        const result = compiled.validate(data, audience);
        // Values the reader cannot change (shown masked, or read-only for the step) are the server's
        // to vouch for: a masked echo such as 138****5678 is restored there, not fixed here.
        const fixable = fixableErrors(result, state, readOnly);
        setErrors(Object.fromEntries(fixable.map((error) => [error.path, error.message])));
        return { ...result, valid: fixable.length === 0, errors: fixable };
      },
      data: () => (state ? state.data : {}),
    }),
    [compiled, data, audience, state, readOnly],
  );

  if (compiled instanceof DefinitionError || !state) {
    const problemsList = compiled instanceof DefinitionError ? compiled.problems : [];
    return (
      <Alert
        type="error"
        showIcon
        message={t('invalidDefinition')}
        description={
          <ul className="renderer-problems">
            {problemsList.map((problem, index) => (
              <li key={index}>{`${problem.path ? `${problem.path}: ` : ''}${localize(problem.message, locale)}`}</li>
            ))}
          </ul>
        }
      />
    );
  }

  const allErrors = { ...Object.fromEntries((problems ?? []).map((problem) => [problem.path, problem.message])), ...errors };
  const context: RenderContext = { compiled, state, shown, data, errors: allErrors, readOnly, locale, t, searchRelation, change };
  const { layout, byKey } = structure!;
  const columns = layout.columns ?? 2;
  return (
    <div className="form-renderer" data-testid="form-renderer" data-form={compiled.key}>
      {(layout.sections ?? []).map((section) => (
        <SectionBlock key={section.key} section={section} context={context} columns={columns} byKey={byKey} />
      ))}
      {layout.tabs && layout.tabs.length > 0 && (
        <Tabs
          className="renderer-tabs"
          items={layout.tabs.map((tab) => ({
            key: tab.key,
            label: localize(tab.title, locale),
            forceRender: true,
            children: tab.sections.map((section) => <SectionBlock key={section.key} section={section} context={context} columns={columns} byKey={byKey} />),
          }))}
        />
      )}
    </div>
  );
}

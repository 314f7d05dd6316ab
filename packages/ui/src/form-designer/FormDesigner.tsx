import { AppstoreAddOutlined, CheckCircleOutlined, EyeOutlined, WarningOutlined, FolderAddOutlined, RedoOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Divider, Drawer, Popover, Select, Space, Tag, Tooltip } from 'antd';
import { compileForm } from '@tessera/forms';
import { DefinitionError, localize, type Problem } from '@tessera/rules';
import { useCallback, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import type { FieldType, FormDefinition } from '../form-model/form-definition';
import { textFor, type Locale, type NamedOption } from '../i18n/ui-locale';
import { DesignCanvas, type DesignerSelection } from './DesignCanvas';
import { FieldPalette } from './FieldPalette';
import { applyDesignerAction, findField, normalizeForDesigner, sectionsOf, type DesignerAction } from './form-document';
import { record, redo, startHistory, undo, type History } from './history';
import { PropertyPanel } from './PropertyPanel';
import { FormRenderer } from '../form-renderer/FormRenderer';

const text = {
  undo: { 'zh-CN': '撤销', en: 'Undo' },
  redo: { 'zh-CN': '重做', en: 'Redo' },
  addSection: { 'zh-CN': '添加分组', en: 'Add section' },
  addTab: { 'zh-CN': '添加标签页', en: 'Add tab' },
  preview: { 'zh-CN': '预览', en: 'Preview' },
  previewAs: { 'zh-CN': '预览角色', en: 'Preview as' },
  anyRole: { 'zh-CN': '全部权限', en: 'Full access' },
  save: { 'zh-CN': '保存为新版本', en: 'Save as a new version' },
  fieldCount: { 'zh-CN': '{count} 个字段', en: '{count} fields' },
  checked: { 'zh-CN': '定义检查通过', en: 'Definition is valid' },
  problems: { 'zh-CN': '{count} 个问题', en: '{count} problems' },
  problemsTitle: { 'zh-CN': '保存前请修正以下问题', en: 'Fix these before saving' },
};

function definitionProblems(form: FormDefinition): Problem[] {
  try {
    compileForm(form);
    return [];
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    return [{ code: 'form.invalid', message: { 'zh-CN': String(error), en: String(error) } }];
  }
}

type DesignerEvent = { kind: 'apply'; action: DesignerAction; group?: string } | { kind: 'undo' } | { kind: 'redo' } | { kind: 'reset'; form: FormDefinition };

function reduce(history: History<FormDefinition>, event: DesignerEvent): History<FormDefinition> {
  switch (event.kind) {
    case 'apply':
      return record(history, applyDesignerAction(history.present, event.action), event.group ?? null);
    case 'undo':
      return undo(history);
    case 'redo':
      return redo(history);
    case 'reset':
      return startHistory(normalizeForDesigner(event.form));
  }
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export interface FormDesignerProps {
  /** The definition to start from; the designer takes over from there. */
  initial: FormDefinition;
  locale: Locale;
  /** Roles and process steps offered in the per-field permission tables and the preview. */
  roles?: NamedOption[];
  steps?: NamedOption[];
  onChange?(form: FormDefinition): void;
  onSave?(form: FormDefinition): void;
  saving?: boolean;
  /** Extra buttons for the toolbar (e.g. publish). */
  extraActions?: ReactNode;
}

/** Drag-and-drop form designer: palette → canvas with sections and tabs → property panel. */
export function FormDesigner({ initial, locale, roles = [], steps = [], onChange, onSave, saving, extraActions }: FormDesignerProps) {
  const t = textFor(text, locale);
  const [history, send] = useReducer(reduce, initial, (form) => startHistory(normalizeForDesigner(form)));
  const [selected, setSelected] = useState<DesignerSelection>({ kind: 'form' });
  const [previewOpen, setPreviewOpen] = useState(false);
  const [previewRole, setPreviewRole] = useState<string | null>(null);
  const form = history.present;
  const problems = useMemo(() => definitionProblems(form), [form]);

  useEffect(() => {
    if (history.past.length > 0 || history.future.length > 0) onChange?.(form);
    // Only edits are reported, not the first render.
  }, [form]);

  const dispatch = useCallback((action: DesignerAction, group?: string) => {
    send({ kind: 'apply', action, group });
    if (action.type === 'renameField') setSelected({ kind: 'field', key: action.newKey });
  }, []);

  const addFromPalette = (fieldType: FieldType) => {
    const sections = sectionsOf(form);
    const target = selected.kind === 'section' ? selected.key : selected.kind === 'field' ? sections.find((section) => section.fields.some((entry) => (typeof entry === 'string' ? entry : entry.field) === selected.key))?.key : undefined;
    const subform = selected.kind === 'field' && findField(form, selected.key)?.type === 'subform' && fieldType !== 'subform' ? selected.key : undefined;
    dispatch({ type: 'addField', fieldType, to: subform ? { subform } : { section: target ?? sections.at(-1)!.key } });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const modifier = event.ctrlKey || event.metaKey;
      if (modifier && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        send({ kind: event.shiftKey ? 'redo' : 'undo' });
      } else if (modifier && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        send({ kind: 'redo' });
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && selected.kind === 'field') {
        dispatch({ type: 'removeField', key: selected.key });
        setSelected({ kind: 'form' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, dispatch]);

  return (
    <DndProvider backend={HTML5Backend}>
      <div className="form-designer" data-testid="form-designer">
        <div className="designer-toolbar">
          <Space>
            <Tooltip title="Ctrl+Z">
              <Button icon={<UndoOutlined />} disabled={history.past.length === 0} onClick={() => send({ kind: 'undo' })} data-testid="designer-undo">
                {t('undo')}
              </Button>
            </Tooltip>
            <Tooltip title="Ctrl+Shift+Z">
              <Button icon={<RedoOutlined />} disabled={history.future.length === 0} onClick={() => send({ kind: 'redo' })} data-testid="designer-redo">
                {t('redo')}
              </Button>
            </Tooltip>
            <Divider type="vertical" />
            <Button icon={<FolderAddOutlined />} onClick={() => dispatch({ type: 'addSection' })} data-testid="designer-add-section">
              {t('addSection')}
            </Button>
            <Button icon={<AppstoreAddOutlined />} onClick={() => dispatch({ type: 'addTab' })} data-testid="designer-add-tab">
              {t('addTab')}
            </Button>
            <span className="designer-count">{t('fieldCount', { count: form.fields.length })}</span>
            {problems.length === 0 ? (
              <Tag color="success" icon={<CheckCircleOutlined />} data-testid="designer-problems" data-count="0">
                {t('checked')}
              </Tag>
            ) : (
              <Popover
                title={t('problemsTitle')}
                content={
                  <ul className="designer-problem-list">
                    {problems.map((problem, index) => (
                      <li key={index}>
                        {problem.path && <code>{problem.path}</code>} {localize(problem.message, locale)}
                      </li>
                    ))}
                  </ul>
                }
              >
                <Tag color="warning" icon={<WarningOutlined />} data-testid="designer-problems" data-count={problems.length}>
                  {t('problems', { count: problems.length })}
                </Tag>
              </Popover>
            )}
          </Space>
          <Space>
            <Button icon={<EyeOutlined />} onClick={() => setPreviewOpen(true)} data-testid="designer-preview">
              {t('preview')}
            </Button>
            {extraActions}
            {onSave && (
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => onSave(form)} data-testid="designer-save">
                {t('save')}
              </Button>
            )}
          </Space>
        </div>
        <div className="designer-body">
          <aside className="designer-left">
            <FieldPalette locale={locale} onAdd={addFromPalette} />
          </aside>
          <main className="designer-center">
            <DesignCanvas form={form} selected={selected} onSelect={setSelected} dispatch={dispatch} locale={locale} />
          </main>
          <aside className="designer-right" data-testid="property-panel">
            <PropertyPanel form={form} selected={selected} dispatch={dispatch} roles={roles} steps={steps} locale={locale} />
          </aside>
        </div>
        {previewOpen && (
          <Drawer
            open={previewOpen}
            onClose={() => setPreviewOpen(false)}
            width={760}
            title={localize(form.title, locale)}
            destroyOnHidden
            extra={
              <Space>
                <span>{t('previewAs')}</span>
                <Select
                  style={{ width: 180 }}
                  value={previewRole ?? ''}
                  onChange={(role: string) => setPreviewRole(role || null)}
                  options={[{ value: '', label: t('anyRole') }, ...roles.map((role) => ({ value: role.key, label: localize(role.label, locale) }))]}
                  data-testid="preview-role"
                />
              </Space>
            }
          >
            <FormRenderer form={form} locale={locale} role={previewRole ?? undefined} />
          </Drawer>
        )}
      </div>
    </DndProvider>
  );
}

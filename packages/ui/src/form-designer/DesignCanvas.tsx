import { DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { localize } from '@tessera/rules';
import { Button, Empty, Tabs, Tag, Tooltip } from 'antd';
import { useRef, useState, type Dispatch } from 'react';
import { useDrag, useDrop } from 'react-dnd';
import { entryKey, type FieldDefinition, type FormDefinition, type LayoutSection, type SectionEntry } from '../form-model/form-definition';
import { textFor, type Locale } from '../i18n/ui-locale';
import { CANVAS_FIELD, PALETTE_ITEM, type CanvasDragItem, type PaletteDragItem } from './dnd-types';
import { catalogueEntry } from './field-catalogue';
import { FieldPreview } from './FieldPreview';
import type { DesignerAction, FieldContainer } from './form-document';

export type DesignerSelection = { kind: 'form' } | { kind: 'field'; key: string } | { kind: 'section'; key: string } | { kind: 'tab'; key: string };

const text = {
  dropHere: { 'zh-CN': '从左侧拖拽字段到此处', en: 'Drag fields from the left and drop them here' },
  dropRow: { 'zh-CN': '拖拽字段到明细行', en: 'Drop fields into the row' },
  remove: { 'zh-CN': '删除', en: 'Remove' },
  drag: { 'zh-CN': '拖动排序', en: 'Drag to reorder' },
  required: { 'zh-CN': '必填', en: 'Required' },
  ruleDriven: { 'zh-CN': '规则', en: 'Rule' },
  addSection: { 'zh-CN': '添加分组', en: 'Add section' },
  untitled: { 'zh-CN': '未命名分组', en: 'Untitled section' },
  emptyForm: { 'zh-CN': '表单还没有字段', en: 'The form has no fields yet' },
};

type Translate = ReturnType<typeof textFor<keyof typeof text>>;

interface CanvasContext {
  form: FormDefinition;
  selected: DesignerSelection;
  onSelect(selection: DesignerSelection): void;
  dispatch: Dispatch<DesignerAction>;
  locale: Locale;
  t: Translate;
}

/** Types that read best across the whole row unless the layout says otherwise. */
const fullWidthTypes = new Set(['subform', 'textarea', 'description', 'address', 'attachment']);

function dropAction(item: PaletteDragItem | CanvasDragItem, to: FieldContainer, index: number): DesignerAction {
  return 'fieldType' in item ? { type: 'addField', fieldType: item.fieldType, to, index } : { type: 'moveField', key: item.key, to, index };
}

/** Subforms hold plain fields only: no subform in a subform. */
function accepts(item: PaletteDragItem | CanvasDragItem, to: FieldContainer): boolean {
  if (!('subform' in to)) return true;
  return 'fieldType' in item ? item.fieldType !== 'subform' : !item.isSubform && item.key !== to.subform;
}

function FieldCard({ field, entry, container, index, columns, context }: { field: FieldDefinition; entry: SectionEntry | null; container: FieldContainer; index: number; columns: number; context: CanvasContext }) {
  const { locale, t, dispatch, selected, onSelect } = context;
  const ref = useRef<HTMLDivElement>(null);
  const [side, setSide] = useState<'before' | 'after' | null>(null);
  const [{ dragging }, drag, preview] = useDrag<CanvasDragItem, unknown, { dragging: boolean }>(
    () => ({ type: CANVAS_FIELD, item: { key: field.key, isSubform: field.type === 'subform' }, collect: (monitor) => ({ dragging: monitor.isDragging() }) }),
    [field.key, field.type],
  );
  const [{ over }, drop] = useDrop<PaletteDragItem | CanvasDragItem, unknown, { over: boolean }>(
    () => ({
      accept: [PALETTE_ITEM, CANVAS_FIELD],
      canDrop: (item) => accepts(item, container),
      hover: (item, monitor) => {
        const box = ref.current?.getBoundingClientRect();
        const pointer = monitor.getClientOffset();
        if (!box || !pointer || !monitor.isOver({ shallow: true })) return;
        const horizontal = columns > 1 && box.width < (ref.current?.parentElement?.clientWidth ?? 0) * 0.9;
        setSide(horizontal ? (pointer.x < box.left + box.width / 2 ? 'before' : 'after') : pointer.y < box.top + box.height / 2 ? 'before' : 'after');
      },
      drop: (item, monitor) => {
        if (monitor.didDrop() || !accepts(item, container)) return;
        if ('key' in item && item.key === field.key) return;
        dispatch(dropAction(item, container, side === 'after' ? index + 1 : index));
      },
      collect: (monitor) => ({ over: monitor.isOver({ shallow: true }) && monitor.canDrop() }),
    }),
    [container, index, side, columns, dispatch, field.key],
  );
  drop(preview(ref));
  const span = typeof entry === 'object' && entry?.span ? Math.min(entry.span, columns) : fullWidthTypes.has(field.type) ? columns : 1;
  const isSelected = selected.kind === 'field' && selected.key === field.key;
  const label = localize(field.label, locale);
  const ruleDriven = [field.required, field.visible, field.readonly].some((value) => value !== undefined && typeof value !== 'boolean');

  return (
    <div
      ref={ref}
      className={`designer-field${isSelected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}${over && side ? ` drop-${side}` : ''}`}
      style={{ gridColumn: `span ${span}` }}
      data-testid={`designer-field-${field.key}`}
      data-field-key={field.key}
      onClick={(event) => {
        event.stopPropagation();
        onSelect({ kind: 'field', key: field.key });
      }}
    >
      <div className="designer-field-head">
        <span ref={(node) => void drag(node)} className="designer-drag-handle" title={t('drag')}>
          <HolderOutlined />
        </span>
        <span className="designer-field-label">
          {field.required === true && <span className="designer-required">*</span>}
          {label}
        </span>
        <Tag bordered={false} className="designer-field-type">
          {localize(catalogueEntry(field.type).label, locale)}
        </Tag>
        {ruleDriven && <Tag color="purple">{t('ruleDriven')}</Tag>}
        <Tooltip title={t('remove')}>
          <Button
            type="text"
            size="small"
            danger
            className="designer-field-remove"
            icon={<DeleteOutlined />}
            aria-label={`${t('remove')} ${label}`}
            onClick={(event) => {
              event.stopPropagation();
              dispatch({ type: 'removeField', key: field.key });
            }}
          />
        </Tooltip>
      </div>
      {field.type === 'subform' ? (
        <FieldList container={{ subform: field.key }} entries={(field.fields ?? []).map((row) => row.key)} fields={field.fields ?? []} columns={Math.min(3, Math.max(1, field.fields?.length ?? 1))} context={context} />
      ) : (
        <div className="designer-field-control">
          <FieldPreview field={field} locale={locale} />
        </div>
      )}
    </div>
  );
}

function AppendZone({ container, index, context, empty }: { container: FieldContainer; index: number; context: CanvasContext; empty: boolean }) {
  const [{ over }, drop] = useDrop<PaletteDragItem | CanvasDragItem, unknown, { over: boolean }>(
    () => ({
      accept: [PALETTE_ITEM, CANVAS_FIELD],
      canDrop: (item) => accepts(item, container),
      drop: (item, monitor) => {
        if (monitor.didDrop()) return;
        context.dispatch(dropAction(item, container, index));
      },
      collect: (monitor) => ({ over: monitor.isOver({ shallow: true }) && monitor.canDrop() }),
    }),
    [container, index, context.dispatch],
  );
  const testId = 'section' in container ? `drop-section-${container.section}` : `drop-subform-${container.subform}`;
  return (
    <div ref={(node) => void drop(node)} className={`designer-append${over ? ' is-over' : ''}${empty ? ' is-empty' : ''}`} data-testid={testId}>
      {empty || over ? ('subform' in container ? context.t('dropRow') : context.t('dropHere')) : <PlusOutlined />}
    </div>
  );
}

function FieldList({ container, entries, fields, columns, context }: { container: FieldContainer; entries: SectionEntry[]; fields: FieldDefinition[]; columns: number; context: CanvasContext }) {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  return (
    <div className="designer-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {entries.map((entry, index) => {
        const field = byKey.get(entryKey(entry));
        return field ? <FieldCard key={field.key} field={field} entry={'section' in container ? entry : null} container={container} index={index} columns={columns} context={context} /> : null;
      })}
      <div style={{ gridColumn: `1 / -1` }}>
        <AppendZone container={container} index={entries.length} context={context} empty={entries.length === 0} />
      </div>
    </div>
  );
}

function SectionBlock({ section, context }: { section: LayoutSection; context: CanvasContext }) {
  const { form, locale, t, selected, onSelect } = context;
  const columns = Math.max(1, Math.min(4, section.columns ?? form.layout?.columns ?? 2));
  const isSelected = selected.kind === 'section' && selected.key === section.key;
  return (
    <section
      className={`designer-section${isSelected ? ' is-selected' : ''}`}
      data-testid={`designer-section-${section.key}`}
      onClick={(event) => {
        event.stopPropagation();
        onSelect({ kind: 'section', key: section.key });
      }}
    >
      <header className="designer-section-title">{section.title ? localize(section.title, locale) : t('untitled')}</header>
      <FieldList container={{ section: section.key }} entries={section.fields} fields={form.fields} columns={columns} context={context} />
    </section>
  );
}

export interface DesignCanvasProps {
  form: FormDefinition;
  selected: DesignerSelection;
  onSelect(selection: DesignerSelection): void;
  dispatch: Dispatch<DesignerAction>;
  locale: Locale;
}

/** The form as it will look, where fields are dropped, reordered, nested and selected. */
export function DesignCanvas({ form, selected, onSelect, dispatch, locale }: DesignCanvasProps) {
  const t = textFor(text, locale);
  const context: CanvasContext = { form, selected, onSelect, dispatch, locale, t };
  const tabs = form.layout?.tabs ?? [];
  const [activeTab, setActiveTab] = useState<string | undefined>(undefined);
  return (
    <div className="designer-canvas" data-testid="designer-canvas" onClick={() => onSelect({ kind: 'form' })}>
      <h2 className="designer-form-title">{localize(form.title, locale)}</h2>
      {form.fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('emptyForm')} className="designer-empty" />}
      {(form.layout?.sections ?? []).map((section) => (
        <SectionBlock key={section.key} section={section} context={context} />
      ))}
      {tabs.length > 0 && (
        <div className="designer-tabs" onClick={(event) => event.stopPropagation()}>
          <Tabs
            activeKey={activeTab && tabs.some((tab) => tab.key === activeTab) ? activeTab : tabs[0]!.key}
            onChange={(key) => {
              setActiveTab(key);
              onSelect({ kind: 'tab', key });
            }}
            onTabClick={(key) => onSelect({ kind: 'tab', key })}
            items={tabs.map((tab) => ({
              key: tab.key,
              label: <span data-testid={`designer-tab-${tab.key}`}>{localize(tab.title, locale)}</span>,
              children: (
                <>
                  {tab.sections.map((section) => (
                    <SectionBlock key={section.key} section={section} context={context} />
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => dispatch({ type: 'addSection', tab: tab.key })}>
                    {t('addSection')}
                  </Button>
                </>
              ),
            }))}
          />
        </div>
      )}
    </div>
  );
}

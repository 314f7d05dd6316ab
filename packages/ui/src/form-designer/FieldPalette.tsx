import { localize } from '@tessera/rules';
import { Input, Typography } from 'antd';
import { useState } from 'react';
import { useDrag } from 'react-dnd';
import type { FieldType } from '../form-model/form-definition';
import { textFor, type Locale } from '../i18n/ui-locale';
import { PALETTE_ITEM, type PaletteDragItem } from './dnd-types';
import { fieldCatalogue, fieldGroups, type FieldTypeEntry } from './field-catalogue';

const text = {
  search: { 'zh-CN': '搜索字段类型', en: 'Find a field type' },
  hint: { 'zh-CN': '拖拽到画布，或点击添加到当前分组', en: 'Drag onto the canvas, or click to add to the current section' },
};

function PaletteItem({ entry, locale, onAdd }: { entry: FieldTypeEntry; locale: Locale; onAdd(type: FieldType): void }) {
  const [{ dragging }, drag] = useDrag<PaletteDragItem, unknown, { dragging: boolean }>(
    () => ({ type: PALETTE_ITEM, item: { fieldType: entry.type }, collect: (monitor) => ({ dragging: monitor.isDragging() }) }),
    [entry.type],
  );
  return (
    <button
      type="button"
      ref={(node) => void drag(node)}
      className={`palette-item${dragging ? ' is-dragging' : ''}`}
      data-testid={`palette-${entry.type}`}
      title={localize(entry.label, locale)}
      onClick={() => onAdd(entry.type)}
    >
      {localize(entry.label, locale)}
    </button>
  );
}

/** Every field type, grouped, to drag onto the canvas. */
export function FieldPalette({ locale, onAdd }: { locale: Locale; onAdd(type: FieldType): void }) {
  const t = textFor(text, locale);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const matches = (entry: FieldTypeEntry) => !needle || entry.type.toLowerCase().includes(needle) || entry.label['zh-CN'].includes(needle) || entry.label.en.toLowerCase().includes(needle);
  return (
    <div className="designer-palette" data-testid="designer-palette">
      <Input.Search allowClear size="small" placeholder={t('search')} value={query} onChange={(event) => setQuery(event.target.value)} />
      <Typography.Text type="secondary" className="palette-hint">
        {t('hint')}
      </Typography.Text>
      {fieldGroups.map((group) => {
        const entries = fieldCatalogue.filter((entry) => entry.group === group.group && matches(entry));
        if (entries.length === 0) return null;
        return (
          <div key={group.group} className="palette-group">
            <div className="palette-group-title">{localize(group.label, locale)}</div>
            <div className="palette-items">
              {entries.map((entry) => (
                <PaletteItem key={entry.type} entry={entry} locale={locale} onAdd={onAdd} />
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}

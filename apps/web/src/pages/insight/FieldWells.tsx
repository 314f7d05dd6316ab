import { CloseOutlined, FieldNumberOutlined, FieldTimeOutlined, HolderOutlined, NumberOutlined } from '@ant-design/icons';
import { localize, type LocalizedText } from '@tessera/rules';
import type { DatasetDefinition, DateBucket } from '@tessera/reports';
import { Button, Select, Tag, Typography } from 'antd';
import { useDrag, useDrop } from 'react-dnd';
import type { SourceField } from '../../api/reports';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { aggregates, dateBuckets, isDateField, isNumericField, type Aggregate, type Well } from './report-draft';

export const FIELD_ITEM = 'report-field';

export interface FieldDragItem {
  field: SourceField;
}

/** The record count offered in the palette: dropped on measures it counts rows. */
export const ROW_COUNT_FIELD: SourceField = { key: '', label: { 'zh-CN': '记录数', en: 'Number of records' }, type: 'count' };

function FieldIcon({ field }: { field: SourceField }) {
  if (field.type === 'count') return <NumberOutlined />;
  if (isDateField(field)) return <FieldTimeOutlined />;
  if (isNumericField(field)) return <FieldNumberOutlined />;
  return <HolderOutlined />;
}

export function PaletteField({ field }: { field: SourceField }) {
  const { locale } = useLocale();
  const [{ dragging }, drag] = useDrag(() => ({ type: FIELD_ITEM, item: { field } satisfies FieldDragItem, collect: (monitor) => ({ dragging: monitor.isDragging() }) }), [field]);
  return (
    <div ref={(node) => void drag(node)} className={`palette-field${dragging ? ' dragging' : ''}`} data-testid={`palette-field-${field.key || 'count'}`}>
      <FieldIcon field={field} />
      <span className="palette-field-label">{localize(field.label, locale)}</span>
      <Typography.Text type="secondary" className="palette-field-type">
        {field.key}
      </Typography.Text>
    </div>
  );
}

function label(text: LocalizedText | undefined, fallback: string, locale: 'zh-CN' | 'en') {
  return text ? localize(text, locale) : fallback;
}

/** A drop zone for dimensions or measures, listing what was dropped with its aggregate or date bucket. */
export function FieldWell({
  well,
  dataset,
  fields,
  problems,
  onDrop,
  onRemove,
  onAggregate,
  onBucket,
}: {
  well: Well;
  dataset: DatasetDefinition;
  fields: SourceField[];
  problems: string[];
  onDrop(field: SourceField): void;
  onRemove(key: string): void;
  onAggregate(key: string, aggregate: Aggregate): void;
  onBucket(key: string, bucket: DateBucket | undefined): void;
}) {
  const { t, locale } = useLocale();
  const [{ over, canDrop }, drop] = useDrop(
    () => ({
      accept: FIELD_ITEM,
      canDrop: (item: FieldDragItem) => well === 'measures' || item.field.type !== 'count',
      drop: (item: FieldDragItem) => onDrop(item.field),
      collect: (monitor) => ({ over: monitor.isOver(), canDrop: monitor.canDrop() }),
    }),
    [well, onDrop],
  );
  const fieldOf = (key: string | undefined) => fields.find((field) => field.key === key);
  const items = well === 'dimensions' ? (dataset.dimensions ?? []) : (dataset.measures ?? []);
  return (
    <div className="well-block">
      <Typography.Text strong>{t(well === 'dimensions' ? 'designer.dimensions' : 'designer.measures')}</Typography.Text>
      <div ref={(node) => void drop(node)} className={`field-well${over && canDrop ? ' over' : ''}${problems.length ? ' has-problem' : ''}`} data-testid={`well-${well}`}>
        {items.length === 0 && <Typography.Text type="secondary">{t(well === 'dimensions' ? 'designer.dropDimension' : 'designer.dropMeasure')}</Typography.Text>}
        {well === 'dimensions' &&
          (dataset.dimensions ?? []).map((dimension) => {
            const field = fieldOf(dimension.field);
            return (
              <div key={dimension.key} className="well-item" data-testid={`well-item-${dimension.key}`}>
                <Tag color="blue" bordered={false}>
                  {label(dimension.label ?? field?.label, dimension.field, locale)}
                </Tag>
                {field && isDateField(field) && (
                  <Select
                    size="small"
                    value={dimension.bucket ?? ''}
                    style={{ width: 96 }}
                    onChange={(value: string) => onBucket(dimension.key, (value || undefined) as DateBucket | undefined)}
                    options={[{ value: '', label: t('designer.bucket.none') }, ...dateBuckets.map((bucket) => ({ value: bucket, label: t(`designer.bucket.${bucket}` as MessageKey) }))]}
                  />
                )}
                <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('designer.remove')} onClick={() => onRemove(dimension.key)} />
              </div>
            );
          })}
        {well === 'measures' &&
          (dataset.measures ?? []).map((measure) => {
            const fieldKey = 'field' in measure ? measure.field : undefined;
            const field = fieldOf(fieldKey);
            const allowed = aggregates.filter((aggregate) => aggregate === 'count' || aggregate === 'countDistinct' || !field || isNumericField(field) || ((aggregate === 'min' || aggregate === 'max') && isDateField(field)));
            return (
              <div key={measure.key} className="well-item" data-testid={`well-item-${measure.key}`}>
                <Tag color="green" bordered={false}>
                  {fieldKey ? label(field?.label ?? measure.label, fieldKey, locale) : t('designer.rowCount')}
                </Tag>
                <Select
                  size="small"
                  value={measure.aggregate as Aggregate}
                  style={{ width: 104 }}
                  disabled={!fieldKey}
                  onChange={(value: Aggregate) => onAggregate(measure.key, value)}
                  options={(fieldKey ? allowed : (['count'] as Aggregate[])).map((aggregate) => ({ value: aggregate, label: t(`designer.aggregate.${aggregate}` as MessageKey) }))}
                  data-testid={`aggregate-${measure.key}`}
                />
                <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('designer.remove')} onClick={() => onRemove(measure.key)} />
              </div>
            );
          })}
      </div>
      {problems.map((problem) => (
        <Typography.Text key={problem} type="danger" className="control-problem">
          {problem}
        </Typography.Text>
      ))}
    </div>
  );
}

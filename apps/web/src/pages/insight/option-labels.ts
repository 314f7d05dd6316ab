import { localize, type Locale } from '@tessera/rules';
import type { ChartDefinition, DatasetDefinition } from '@tessera/reports';
import type { FieldDefinition } from '@tessera/ui';

/** The reader's text for a dimension value, e.g. 贵宾 for the tier `vip`; undefined when the value has none. */
export type ValueLabeler = (dimensionKey: string, value: unknown) => string | undefined;

/** A person's display name by user name or id (the user directory's), e.g. 王芳（客户经理）. */
export type UserNamer = (usernameOrId: string) => string;

const isUserField = (field: FieldDefinition | undefined) => field?.type === 'userPicker';

/**
 * Labels of choice fields (select, radio, …) by their options, and of user fields by the people's
 * names when `userName` is given, for the dimensions grouping by them.
 */
export function optionLabeler(dataset: DatasetDefinition | undefined, fields: Map<string, FieldDefinition>, locale: Locale, userName?: UserNamer): ValueLabeler {
  return (dimensionKey, value) => {
    const dimension = dataset?.dimensions?.find((candidate) => candidate.key === dimensionKey);
    if (!dimension || dimension.bucket || dimension.ranges) return undefined;
    const field = fields.get(dimension.field);
    if (userName && isUserField(field) && typeof value === 'string' && value) return userName(value);
    const option = field?.options?.find((candidate) => String(candidate.value) === String(value));
    return option ? localize(option.label, locale) : undefined;
  };
}

/**
 * The table with the values of user fields (a listing's columns, a grouped table's dimensions)
 * shown as the people's names instead of their user names.
 */
export function withUserNames<T extends { columns: Array<{ key: string }>; rows: Array<Record<string, string>> }>(table: T, dataset: DatasetDefinition | undefined, fields: Map<string, FieldDefinition>, userName: UserNamer): T {
  const fieldOf = new Map<string, string>([...(dataset?.columns ?? []).map((column) => [column.key, column.field] as const), ...(dataset?.dimensions ?? []).filter((dimension) => !dimension.bucket && !dimension.ranges).map((dimension) => [dimension.key, dimension.field] as const)]);
  const userColumns = table.columns.map((column) => column.key).filter((key) => isUserField(fields.get(fieldOf.get(key) ?? '')));
  if (userColumns.length === 0) return table;
  return {
    ...table,
    rows: table.rows.map((row) => ({ ...row, ...Object.fromEntries(userColumns.map((key) => [key, row[key] && row[key] !== '—' ? userName(row[key]) : row[key]])) })),
  };
}

function distinct(rows: Array<Record<string, unknown>>, key: string): unknown[] {
  const seen: unknown[] = [];
  for (const row of rows) if (!seen.includes(row[key] ?? null)) seen.push(row[key] ?? null);
  return seen;
}

function mapNames(value: unknown, names: Map<string, string>): unknown {
  if (typeof value === 'string') return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((entry) => mapNames(entry, names));
  if (value && typeof value === 'object' && 'name' in value && typeof (value as { name: unknown }).name === 'string') {
    const named = value as { name: string };
    return { ...named, name: names.get(named.name) ?? named.name };
  }
  return value;
}

function mapAxis(axis: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(axis)) return axis.map((entry) => mapAxis(entry, names));
  if (axis && typeof axis === 'object' && Array.isArray((axis as { data?: unknown }).data)) return { ...axis, data: mapNames((axis as { data: unknown[] }).data, names) };
  return axis;
}

/**
 * The engine names categories and series by their stored values (`vip`); this swaps in the
 * option labels the reader knows (贵宾) on axes, legends, slices and series.
 */
export function relabelOption(option: Record<string, unknown>, chart: ChartDefinition, rows: Array<Record<string, unknown>>, labelOf: ValueLabeler): Record<string, unknown> {
  const names = new Map<string, string>();
  for (const key of [chart.category, chart.series]) {
    if (!key) continue;
    for (const value of [...distinct(rows, key), ...(key === chart.category ? (chart.order ?? []) : [])]) {
      const label = labelOf(key, value);
      if (label !== undefined) names.set(String(value), label);
    }
  }
  if (names.size === 0) return option;
  const series = Array.isArray(option.series)
    ? option.series.map((entry: Record<string, unknown>) => ({ ...entry, ...(typeof entry.name === 'string' ? { name: names.get(entry.name) ?? entry.name } : {}), ...(Array.isArray(entry.data) ? { data: mapNames(entry.data, names) } : {}) }))
    : option.series;
  const legend = option.legend && typeof option.legend === 'object' && !Array.isArray(option.legend) && Array.isArray((option.legend as { data?: unknown }).data) ? { ...option.legend, data: mapNames((option.legend as { data: unknown[] }).data, names) } : option.legend;
  return { ...option, xAxis: mapAxis(option.xAxis, names), yAxis: mapAxis(option.yAxis, names), legend, series };
}

/** A listing's table (one row per record) built from its rows, when the engine's table model has no columns. */
export function listingTable(dataset: DatasetDefinition | undefined, rows: Array<Record<string, unknown>>, fields: Map<string, FieldDefinition>, locale: Locale): { columns: Array<{ key: string; title: string; align: 'left' | 'right' }>; rows: Array<Record<string, string>> } {
  const columns = dataset?.columns?.map((column) => ({ key: column.key, field: column.field, label: column.label })) ?? Object.keys(rows[0] ?? {}).map((key) => ({ key, field: key, label: undefined }));
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    columns: columns.map((column) => {
      const field = fields.get(column.field);
      const title = column.label ? localize(column.label, locale) : field ? localize(field.label, locale) : column.key;
      return { key: column.key, title, align: rows.some((row) => typeof row[column.key] === 'number') ? 'right' : 'left' };
    }),
    rows: rows.map((row) =>
      Object.fromEntries(
        columns.map((column) => {
          const value = row[column.key];
          const option = fields.get(column.field)?.options?.find((candidate) => String(candidate.value) === String(value));
          const text = value === null || value === undefined || value === '' ? '—' : option ? localize(option.label, locale) : typeof value === 'number' ? numberFormat.format(value) : typeof value === 'object' ? ((value as { display?: string }).display ?? JSON.stringify(value)) : String(value);
          return [column.key, text];
        }),
      ),
    ),
  };
}

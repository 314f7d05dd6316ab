import { readPath } from '../source/fields';
import { toInstant, toLocalIso } from '../time/zoned-time';
import type { CompiledDataset } from './compile-dataset';

export type SourceRow = Record<string, unknown>;

/**
 * The object rules and measures read for one source row: the JSON document's fields, the
 * table's columns as `$name`, timestamps as local ISO text (so text order is time order).
 */
export interface RowView {
  view: Record<string, unknown>;
  /** Tie-breaker of listings: the row id and, for subform rows, the row's position. */
  identity: [string, number];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(value: unknown): unknown {
  // Drivers hand JSONB back parsed; a row read as text (COPY, CSV) carries it as a string.
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function systemValues(dataset: CompiledDataset, row: SourceRow, names: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const field = dataset.shape.systemFields[name]!;
    const raw = row[dataset.table.columns[field.column] ?? field.column];
    if (raw === null || raw === undefined) values[name] = null;
    else if (field.timestamp) {
      const instant = toInstant(raw);
      values[name] = instant ? toLocalIso(instant, dataset.timeZone) : null;
    } else if (field.type === 'integer') values[name] = Number(raw);
    else values[name] = String(raw);
  }
  return values;
}

function isLive(dataset: CompiledDataset, row: SourceRow): boolean {
  const source = dataset.definition.source;
  const value = (name: string) => row[dataset.table.columns[name] ?? name];
  switch (source.type) {
    case 'records':
    case 'subformRows':
      return value('form_key') === source.form && (value('deleted_at') === null || value('deleted_at') === undefined);
    case 'processInstances':
    case 'tasks':
      return source.process === undefined || value('process_key') === source.process;
    case 'auditEvents':
      return source.entityType === undefined || value('entity_type') === source.entityType;
  }
}

/** The views of the rows a dataset reads, after the source's own conditions (form, not deleted). */
export function rowViews(
  dataset: CompiledDataset,
  rows: Iterable<SourceRow>,
  params: Record<string, unknown>,
  systemFields?: Set<string>,
): RowView[] {
  const views: RowView[] = [];
  const names = systemFields ? [...systemFields] : Object.keys(dataset.shape.systemFields);
  const source = dataset.definition.source;
  for (const row of rows) {
    if (!isLive(dataset, row)) continue;
    const system = systemValues(dataset, row, names);
    const id = String(row[dataset.table.columns.id ?? 'id'] ?? '');
    const documents: Record<string, unknown> = {};
    let main: Record<string, unknown> = {};
    for (const document of dataset.shape.documents) {
      const parsed = parseJson(row[dataset.table.columns[document.column] ?? document.column]);
      if (document.prefix === '') main = isPlainObject(parsed) ? parsed : {};
      else documents[document.prefix] = parsed;
    }
    if (source.type === 'subformRows') {
      const items = readPath(documents.$parent, source.path);
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        views.push({
          view: { ...(isPlainObject(item) ? item : {}), ...documents, ...system, $params: params },
          identity: [id, index + 1],
        });
      });
      continue;
    }
    views.push({ view: { ...main, ...documents, ...system, $params: params }, identity: [id, 0] });
  }
  return views;
}

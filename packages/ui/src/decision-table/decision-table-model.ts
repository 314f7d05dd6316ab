import type { DecisionTableDefinition, DecisionTableRow } from '@tessera/rules';

export type DecisionTableAction =
  | { type: 'setHitPolicy'; hitPolicy: DecisionTableDefinition['hitPolicy'] }
  | { type: 'setAggregation'; aggregation: DecisionTableDefinition['aggregation'] }
  | { type: 'addInput' }
  | { type: 'updateInput'; index: number; label?: string; variable?: string }
  | { type: 'removeInput'; index: number }
  | { type: 'addOutput' }
  | { type: 'updateOutput'; index: number; id?: string; label?: string }
  | { type: 'removeOutput'; index: number }
  | { type: 'addRow' }
  | { type: 'removeRow'; index: number }
  | { type: 'moveRow'; index: number; to: number }
  | { type: 'setCondition'; row: number; input: number; text: string }
  | { type: 'setOutput'; row: number; output: number; text: string };

/** Reads what a person typed in an output cell: numbers and true/false as such, anything else as text. */
export function parseOutputText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^".*"$/.test(trimmed)) return trimmed.slice(1, -1);
  return trimmed;
}

export function outputText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A condition cell as text: unary tests are text already; a rule cell is shown as its JSON. */
export function conditionText(cell: DecisionTableRow['when'][number] | undefined): string {
  if (cell === undefined || cell === null) return '-';
  return typeof cell === 'string' ? cell : JSON.stringify(cell);
}

function readCondition(text: string): DecisionTableRow['when'][number] {
  const trimmed = text.trim();
  if (trimmed === '') return '-';
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as DecisionTableRow['when'][number];
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

function thenList(table: DecisionTableDefinition, row: DecisionTableRow): unknown[] {
  return Array.isArray(row.then) ? [...row.then] : table.outputs.map((output) => (row.then as Record<string, unknown>)[output.id]);
}

function uniqueId(taken: string[], stem: string): string {
  for (let index = 1; ; index += 1) if (!taken.includes(`${stem}${index}`)) return `${stem}${index}`;
}

export function applyDecisionTableAction(table: DecisionTableDefinition, action: DecisionTableAction): DecisionTableDefinition {
  const rows = table.rows.map((row) => ({ ...row, when: [...row.when], then: thenList(table, row) }));
  switch (action.type) {
    case 'setHitPolicy':
      return { ...table, hitPolicy: action.hitPolicy, aggregation: action.hitPolicy === 'COLLECT' ? table.aggregation : undefined };
    case 'setAggregation':
      return { ...table, aggregation: action.aggregation };
    case 'addInput': {
      const id = uniqueId(table.inputs.map((input) => input.id), 'input');
      return { ...table, inputs: [...table.inputs, { id, label: id, expression: { var: '' } }], rows: rows.map((row) => ({ ...row, when: [...row.when, '-'] })) };
    }
    case 'updateInput':
      return {
        ...table,
        inputs: table.inputs.map((input, index) =>
          index !== action.index ? input : { ...input, ...(action.label !== undefined ? { label: action.label } : {}), ...(action.variable !== undefined ? { expression: { var: action.variable } } : {}) },
        ),
      };
    case 'removeInput':
      if (table.inputs.length <= 1) return table;
      return { ...table, inputs: table.inputs.filter((_, index) => index !== action.index), rows: rows.map((row) => ({ ...row, when: row.when.filter((_, index) => index !== action.index) })) };
    case 'addOutput': {
      const id = uniqueId(table.outputs.map((output) => output.id), 'output');
      return { ...table, outputs: [...table.outputs, { id, label: id }], rows: rows.map((row) => ({ ...row, then: [...(row.then as unknown[]), null] })) };
    }
    case 'updateOutput':
      return { ...table, outputs: table.outputs.map((output, index) => (index !== action.index ? output : { ...output, ...(action.id !== undefined ? { id: action.id } : {}), ...(action.label !== undefined ? { label: action.label } : {}) })), rows };
    case 'removeOutput':
      if (table.outputs.length <= 1) return table;
      return { ...table, outputs: table.outputs.filter((_, index) => index !== action.index), rows: rows.map((row) => ({ ...row, then: (row.then as unknown[]).filter((_, index) => index !== action.index) })) };
    case 'addRow':
      return { ...table, rows: [...rows, { when: table.inputs.map(() => '-'), then: table.outputs.map(() => null) }] };
    case 'removeRow':
      return { ...table, rows: rows.filter((_, index) => index !== action.index) };
    case 'moveRow': {
      if (action.to < 0 || action.to >= rows.length) return table;
      const [moved] = rows.splice(action.index, 1);
      rows.splice(action.to, 0, moved!);
      return { ...table, rows };
    }
    case 'setCondition':
      rows[action.row]!.when[action.input] = readCondition(action.text);
      return { ...table, rows };
    case 'setOutput':
      (rows[action.row]!.then as unknown[])[action.output] = parseOutputText(action.text);
      return { ...table, rows };
  }
}

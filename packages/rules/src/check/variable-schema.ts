/** The types `check` knows; the server derives a schema of them from a form or a process. */
export type VariableType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'money'
  | 'array'
  | 'object'
  | 'any';

export interface VariableDescriptor {
  type: VariableType;
  /** Fields of each row, for arrays (a subform's rows). */
  items?: VariableSchema;
}

/** Variable paths (dotted, e.g. `applicant.income`) to their types. */
export type VariableSchema = Record<string, VariableType | VariableDescriptor>;

export function describeVariable(entry: VariableType | VariableDescriptor): VariableDescriptor {
  return typeof entry === 'string' ? { type: entry } : entry;
}

import type { CompiledForm } from '@tessera/forms';
import type { FieldDefinition } from '@tessera/ui';
import type { AuditEntry } from '../../api/records';

/** One field that an audited write changed, both sides as the reader may see them. */
export interface FieldChange {
  field: FieldDefinition;
  before: unknown;
  after: unknown;
}

export interface AuditStep {
  entry: AuditEntry;
  changes: FieldChange[];
  /** Fields changed that the reader may not see: counted, never shown. */
  hiddenChanges: number;
}

function asData(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The field-level changes of a record's audit entries for one reader: the log keeps the values as
 * written, so each side is projected through the form for the reader's roles — hidden fields drop
 * out and masked fields stay masked, as on the record itself.
 */
export function auditSteps(entries: readonly AuditEntry[], form: CompiledForm, roles: readonly string[]): AuditStep[] {
  const fields = new Map(form.definition.fields.map((field) => [field.key, field]));
  return entries.map((entry) => {
    const rawBefore = asData(entry.before);
    const rawAfter = asData(entry.after);
    const before = form.project(rawBefore, { role: roles });
    const after = form.project(rawAfter, { role: roles });
    const keys = [...new Set([...Object.keys(rawBefore), ...Object.keys(rawAfter)])].filter((key) => !key.startsWith('$'));
    const changes: FieldChange[] = [];
    let hiddenChanges = 0;
    for (const key of keys) {
      const field = fields.get(key);
      const seen = Object.hasOwn(before, key) || Object.hasOwn(after, key);
      if (!field || !seen) {
        hiddenChanges += 1;
        continue;
      }
      changes.push({ field, before: before[key], after: after[key] });
    }
    return { entry, changes, hiddenChanges };
  });
}

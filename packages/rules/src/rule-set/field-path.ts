import { isForbiddenSegment } from '../property-path';

const hasOwn = Object.prototype.hasOwnProperty;

/** A `set` target: dotted segments, none empty and none reaching a prototype. */
export function validFieldPath(field: unknown): field is string {
  return typeof field === 'string' && field !== '' && field.split('.').every((segment) => segment !== '' && !isForbiddenSegment(segment));
}

/** A copy of `facts` with `value` written at `field`: objects along the path are copied, not changed. */
export function withField(facts: unknown, field: string, value: unknown): Record<string, unknown> {
  const segments = field.split('.');
  const root: Record<string, unknown> = isRecord(facts) ? { ...facts } : {};
  let holder = root;
  for (let index = 0; index < segments.length - 1; index++) {
    const key = segments[index]!;
    const existing = hasOwn.call(holder, key) ? holder[key] : undefined;
    const copy: Record<string, unknown> = isRecord(existing) ? { ...existing } : {};
    holder[key] = copy;
    holder = copy;
  }
  holder[segments[segments.length - 1]!] = value;
  return root;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

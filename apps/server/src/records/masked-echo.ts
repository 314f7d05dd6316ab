import { isDeepStrictEqual } from 'node:util';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A reader who sends back what it was shown (a masked `138****1234`) has not changed the field, and
 * the stored value must stay — not be overwritten by its mask. Replaces such echoes, at the top level
 * and in subform rows, with the stored values.
 */
export function restoreEchoedValues(
  patch: Record<string, unknown>,
  shown: Record<string, unknown>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const restored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const seen = shown[key];
    const kept = stored[key];
    if (Array.isArray(value) && Array.isArray(seen) && Array.isArray(kept)) {
      restored[key] = value.map((row, index) =>
        isObject(row) && isObject(seen[index]) && isObject(kept[index])
          ? restoreEchoedValues(row, seen[index], kept[index])
          : row,
      );
    } else if (seen !== undefined && !isDeepStrictEqual(seen, kept) && isDeepStrictEqual(value, seen)) {
      restored[key] = kept;
    } else {
      restored[key] = value;
    }
  }
  return restored;
}

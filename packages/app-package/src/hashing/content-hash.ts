import { sha256 } from './sha256';

/** JSON with object keys sorted, so that key order and formatting never change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

const encoder = new TextEncoder();

/** Hash of a JSON artifact's meaning: re-saving it with other indentation leaves the hash alone. */
export function hashJson(value: unknown): string {
  return `sha256:${sha256(encoder.encode(canonicalJson(value)))}`;
}

/** Hash of a text artifact (BPMN XML); line endings are normalised so checkouts on Windows agree. */
export function hashText(text: string): string {
  return `sha256:${sha256(encoder.encode(text.replace(/\r\n?/g, '\n')))}`;
}

/** The `major.minor.patch` versions app manifests use; pre-release tags are not part of the format. */
export type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const match = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) throw new Error(`not a major.minor.patch version: ${left ? b : a}`);
  for (let i = 0; i < 3; i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return 0;
}

/** Whether `version` falls in `range` (`1.2.0` exact, `^1.2.0` same major, `~1.2.0` same minor, `>=1.2.0`). */
export function satisfiesRange(version: string, range: string): boolean {
  const match = /^(\^|~|>=)?(.*)$/.exec(range)!;
  const operator = match[1] ?? '';
  const floor = parseVersion(match[2]!);
  const actual = parseVersion(version);
  if (!floor || !actual) return false;
  const atLeast = compareVersions(version, match[2]!) >= 0;
  switch (operator) {
    case '':
      return compareVersions(version, match[2]!) === 0;
    case '>=':
      return atLeast;
    case '^':
      // Below 1.0.0 a minor bump may break, as npm treats it.
      return atLeast && actual[0] === floor[0] && (floor[0] !== 0 || actual[1] === floor[1]);
    default:
      return atLeast && actual[0] === floor[0] && actual[1] === floor[1];
  }
}

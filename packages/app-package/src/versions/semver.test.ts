import { compareVersions, satisfiesRange } from './semver';

describe('app versions', () => {
  it('compare numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('0.9.0', '1.0.0')).toBeLessThan(0);
  });

  it('match exact, caret, tilde and at-least ranges', () => {
    expect(satisfiesRange('1.2.0', '1.2.0')).toBe(true);
    expect(satisfiesRange('1.2.1', '1.2.0')).toBe(false);
    expect(satisfiesRange('1.5.0', '^1.2.0')).toBe(true);
    expect(satisfiesRange('2.0.0', '^1.2.0')).toBe(false);
    expect(satisfiesRange('1.1.9', '^1.2.0')).toBe(false);
    expect(satisfiesRange('0.3.0', '^0.2.0')).toBe(false);
    expect(satisfiesRange('1.2.9', '~1.2.0')).toBe(true);
    expect(satisfiesRange('1.3.0', '~1.2.0')).toBe(false);
    expect(satisfiesRange('3.0.0', '>=1.2.0')).toBe(true);
  });

  it('refuse text that is not a version', () => {
    expect(() => compareVersions('1.2', '1.2.0')).toThrow('not a major.minor.patch version: 1.2');
    expect(satisfiesRange('1.2.0', '^x')).toBe(false);
  });
});

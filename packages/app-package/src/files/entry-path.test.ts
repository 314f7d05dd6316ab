import { checkEntryPath } from './entry-path';

describe('checkEntryPath', () => {
  it('accepts ordinary relative paths and drops a trailing slash', () => {
    expect(checkEntryPath('forms/customer.form.json', 8)).toEqual({ ok: true, path: 'forms/customer.form.json' });
    expect(checkEntryPath('seed/', 8)).toEqual({ ok: true, path: 'seed' });
  });

  it.each([
    ['../etc/passwd', 'package.entry.traversal'],
    ['forms/../../x.json', 'package.entry.traversal'],
    ['/etc/passwd', 'package.entry.absolute'],
    ['C:/Windows/win.ini', 'package.entry.absolute'],
    ['forms\\..\\x.json', 'package.entry.backslash'],
    ['forms//x.json', 'package.entry.malformed'],
    ['./app.json', 'package.entry.malformed'],
    ['forms/a\u0000.json', 'package.entry.controlCharacter'],
    ['a/b/c/d/e/f/g/h/i.json', 'package.entry.tooDeep'],
  ])('refuses %j with %s and names the entry', (name, code) => {
    const result = checkEntryPath(name, 8);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.en).toContain(JSON.stringify(name).slice(1, -1).slice(0, 5));
  });
});

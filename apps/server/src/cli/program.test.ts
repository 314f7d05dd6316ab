import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../core/database/data-source';
import { templatesRoot } from '../test-support/template-files';
import { verifyPassword } from '../auth/password';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import type { CliIo } from './cli-io';
import { runCli, settingFromText } from './program';

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    progress: () => ({ update: () => undefined, stop: () => undefined }),
  };
}

describe('the tessera CLI', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ persistent: true });
  });
  afterAll(() => database.cleanup());

  const run = async (...argv: string[]) => {
    const io = capture();
    const code = await runCli(argv, { io, target: database.target, env: { ...process.env, TESSERA_PASSWORD: '' } });
    return { code, ...io };
  };

  it('migrates a new database and says how many migrations it applied', async () => {
    const result = await run('migrate');
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^Database is up to date: \d+ migrations applied, the last \w+\.$/);
  });

  it('creates a user with global and per-app roles and an argon2 password hash', async () => {
    const result = await run(
      'create-user',
      'ops.chen',
      '--display-name',
      '陈运维',
      '--password',
      'a-long-password',
      '--role',
      'admin',
      '--app-role',
      'loan-approval:credit_officer',
    );
    expect(result).toMatchObject({ code: 0, errors: [] });
    expect(result.lines[0]).toMatch(
      /^Created user ops\.chen \([0-9a-f-]{36}\) with roles admin, loan-approval:credit_officer\.$/,
    );

    const { dataSource } = await openDatabase(database.target);
    try {
      const [user] = await dataSource.query(`SELECT password_hash FROM app_user WHERE username = 'ops.chen'`);
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.password_hash, 'a-long-password')).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuses a second user with the same name and a missing password, in one line each', async () => {
    const duplicate = await run('create-user', 'ops.chen', '--display-name', 'Again', '--password', 'a-long-password');
    expect(duplicate.code).toBe(1);
    expect(duplicate.errors).toEqual([
      'The username is already taken [user.usernameTaken]',
      '  username: Already taken [user.usernameTaken]',
    ]);
    const noPassword = await run('create-user', 'ops.wang', '--display-name', 'Wang');
    expect(noPassword).toMatchObject({
      code: 1,
      errors: ['A password is needed: pass --password or set TESSERA_PASSWORD'],
    });
  });

  it('refuses a malformed --app-role', async () => {
    const result = await run(
      'create-user',
      'ops.li',
      '--display-name',
      'Li',
      '--password',
      'a-long-password',
      '--app-role',
      'credit_officer',
    );
    expect(result.code).toBe(1);
    expect(result.errors.join('\n')).toContain('expected <appKey>:<role>');
  });

  it('validates a template folder and lists every problem of a broken one with its file and path', async () => {
    const valid = await run('validate', path.join(templatesRoot, 'customer-profile'));
    expect(valid.code).toBe(0);
    expect(valid.lines[0]).toMatch(/^customer-profile \S+ is valid \(\d+ warnings\)\.$/);

    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-template-'));
    try {
      fs.cpSync(path.join(templatesRoot, 'customer-profile'), broken, { recursive: true });
      const formFile = fs.readdirSync(path.join(broken, 'forms'))[0]!;
      const form = JSON.parse(fs.readFileSync(path.join(broken, 'forms', formFile), 'utf8'));
      delete form.fields[0].label;
      fs.writeFileSync(path.join(broken, 'forms', formFile), JSON.stringify(form));
      const result = await run('validate', broken);
      expect(result.code).toBe(1);
      expect(result.errors[0]).toMatch(/^The template has \d+ problem\(s\) \[app\.invalid\]$/);
      expect(result.errors.slice(1)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^  forms/${formFile.replace(/\./g, '\\.')}:fields\\[0\\]\\.label: .+ \\[definition\\.required\\]$`,
          ),
        ),
      );
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('imports nothing from a template with broken references, printing every problem with its file and path', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-template-'));
    try {
      fs.cpSync(path.join(templatesRoot, 'customer-profile'), broken, { recursive: true });
      const rulesFile = path.join(broken, 'rules', 'customer-tiering.rules.json');
      const rules = JSON.parse(fs.readFileSync(rulesFile, 'utf8'));
      rules.rules[0].actions[0].field = 'no_such_field';
      fs.writeFileSync(rulesFile, JSON.stringify(rules));
      const reportFile = path.join(broken, 'reports', 'customer-insights.report.json');
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
      report.datasets[0].source.form = 'no_such_form';
      report.charts[0].dataset = 'no_such_dataset';
      fs.writeFileSync(reportFile, JSON.stringify(report));

      const result = await run('import', broken);
      expect(result.code).toBe(1);
      expect(result.lines).toEqual([]);
      expect(result.errors[0]).toMatch(/^The template has \d+ problem\(s\) \[app\.invalid\]$/);
      const problems = result.errors.slice(1);
      for (const where of [
        'rules/customer-tiering.rules.json:rules[0].actions[0].field',
        'reports/customer-insights.report.json:datasets[0].source.form',
        'reports/customer-insights.report.json:charts[0].dataset',
      ]) {
        expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^  ${where.replace(/[.[\]]/g, '\\$&')}: .+ \\[[\\w.]+\\]$`)));
      }
      const { dataSource } = await openDatabase(database.target);
      try {
        expect(await dataSource.query(`SELECT key FROM app`)).toEqual([]);
        expect(await dataSource.query(`SELECT form_key FROM form_definition`)).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('imports a template once, and says so when it is imported again', async () => {
    const first = await run('import', path.join(templatesRoot, 'customer-profile'));
    expect(first).toMatchObject({ code: 0, errors: [] });
    expect(first.lines[0]).toMatch(/^Installed customer-profile \S+: \d+ forms, 1 process, \d+ seed records\.$/);
    const second = await run('import', path.join(templatesRoot, 'customer-profile'));
    expect(second.lines[0]).toMatch(/^customer-profile \S+ is already installed; nothing changed\.$/);
  });

  it('exports an installed app to a zip that validates again, and names an unknown app', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-export-')), 'profile.zip');
    try {
      const result = await run('export', 'customer-profile', '--out', out);
      expect(result).toMatchObject({ code: 0, errors: [] });
      expect(result.lines[0]).toBe(`Exported customer-profile 1.0.0 to ${out} (${fs.statSync(out).size} bytes).`);
      const valid = await run('validate', out);
      expect(valid.code).toBe(0);
      expect(valid.lines[0]).toMatch(/^customer-profile 1\.0\.0 is valid/);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
    const missing = await run('export', 'nothing');
    expect(missing).toMatchObject({ code: 1, errors: ['No app "nothing" [app.notFound]'] });
  });

  it('prints an app\'s settings, sets them with the same validation as the API, audited as cli, and resets them', async () => {
    const listed = await run('settings', 'customer-profile');
    expect(listed).toMatchObject({ code: 0, errors: [] });
    expect(listed.lines).toEqual([
      'customer-profile 1.0.0: 1 setting(s)',
      '  birthdayGreetingDaysAhead = 3 (default)',
      '    生日关怀提前天数 / Days before a birthday to greet [number]',
    ]);

    const wrong = await run('settings', 'customer-profile', 'birthdayGreetingDaysAhead=seven', 'colour=red');
    expect(wrong.code).toBe(1);
    expect(wrong.errors).toEqual([
      '2 setting value(s) are wrong; nothing was saved [settings.invalid]',
      '  settings.birthdayGreetingDaysAhead: "Days before a birthday to greet" must be a number [setting.type]',
      '  settings.colour: The app customer-profile declares no setting "colour" [setting.unknown]',
    ]);
    expect((await run('settings', 'customer-profile', 'seven')).errors).toEqual(['Expected key=value, got "seven"']);

    const set = await run('settings', 'customer-profile', 'birthdayGreetingDaysAhead=7');
    expect(set).toMatchObject({ code: 0, errors: [] });
    expect(set.lines[0]).toBe('Saved 1 setting(s) of customer-profile.');
    expect(set.lines[2]).toMatch(/^ {2}birthdayGreetingDaysAhead = 7 \(set by cli at \d{4}-.+; default 3\)$/);

    const { dataSource } = await openDatabase(database.target);
    try {
      const entries = await dataSource.query(`SELECT actor, before, after FROM audit_event WHERE action = 'app.settings.update' ORDER BY seq`);
      expect(entries).toEqual([{ actor: 'cli', before: { birthdayGreetingDaysAhead: null }, after: { birthdayGreetingDaysAhead: 7 } }]);
    } finally {
      await dataSource.destroy();
    }
    const reset = await run('settings', 'customer-profile', '--reset', 'birthdayGreetingDaysAhead');
    expect(reset.lines[2]).toBe('  birthdayGreetingDaysAhead = 3 (default)');
  });

  it('reads typed values as the declared type reads them, leaving the rest for validation', () => {
    expect(settingFromText('number', '2.5')).toBe(2.5);
    expect(settingFromText('number', '')).toBe('');
    expect(settingFromText('boolean', 'false')).toBe(false);
    expect(settingFromText('boolean', 'no')).toBe('no');
    expect(settingFromText('stringList', 'risk_officer, supervisor,')).toEqual(['risk_officer', 'supervisor']);
    expect(settingFromText('stringList', '["a,b", "c"]')).toEqual(['a,b', 'c']);
    expect(settingFromText('string', 'a=b')).toBe('a=b');
  });

  it('verifies the audit log, and exits with 1 naming the entry that was tampered with', async () => {
    const intact = await run('verify-audit');
    expect(intact.code).toBe(0);
    expect(intact.lines[0]).toMatch(/^Audit log intact: \d+ entries verified\.$/);

    const { dataSource } = await openDatabase(database.target);
    try {
      await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      await dataSource.query(`UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2`);
      const [row] = await dataSource.query(`SELECT id FROM audit_event WHERE seq = 2`);
      await dataSource.destroy();
      const broken = await run('verify-audit');
      expect(broken.code).toBe(1);
      expect(broken.errors).toEqual([
        `Audit log broken at entry 2 (${row.id}): its content does not match its hash. 1 entries before it are intact.`,
      ]);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  });
});

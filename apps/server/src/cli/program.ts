import { DefinitionError } from '@tessera/rules';
import { Command, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { loadTemplate } from '@tessera/app-package';
import fs from 'node:fs';
import path from 'node:path';
import { AppExportService } from '../apps/app-export';
import { AppSettingsService, type AppSettingsView } from '../apps/app-settings.service';
import { AppsService, problemPath } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import { FormsService } from '../forms/forms.service';
import { ProcessDefinitionsService } from '../processes/process-definitions.service';
import { loadConfig, type TesseraConfig } from '../core/config';
import { type DatabaseTarget, openDatabase } from '../core/database/data-source';
import { ApiError } from '../core/errors/api-error';
import { UsersService } from '../users/users.service';
import type { CliIo } from './cli-io';

/** "1 form", "2 forms". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface CliOptions {
  io: CliIo;
  /** The database to work on; by default DATABASE_URL or the embedded data directory. */
  target?: DatabaseTarget;
  env?: NodeJS.ProcessEnv;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function appRole(value: string, previous: Record<string, string[]>): Record<string, string[]> {
  const match = /^([\w.-]+):([a-z][a-z0-9_]*)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected <appKey>:<role>, e.g. loan-approval:credit_officer');
  return { ...previous, [match[1]!]: [...(previous[match[1]!] ?? []), match[2]!] };
}

/** The `tessera` command line: the same services as the server, without HTTP. */
export function buildProgram({ io, target, env = process.env }: CliOptions): Command {
  const config: TesseraConfig = loadConfig(env);
  const databaseTarget: DatabaseTarget =
    target ??
    (config.databaseUrl ? { url: config.databaseUrl, schema: config.databaseSchema } : { dataDir: config.dataDir });

  async function withDatabase<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const { dataSource } = await openDatabase(databaseTarget);
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  const program = new Command('tessera')
    .description('Tessera administration: templates (validate, import, export), app settings, database migrations, users, audit verification')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });

  program
    .command('migrate')
    .description('brings the database schema up to date (the server also does this at start)')
    .action(async () => {
      await withDatabase(async (dataSource) => {
        const applied = (await dataSource.query(`SELECT name FROM migrations ORDER BY id`)) as { name: string }[];
        io.out(
          `Database is up to date: ${applied.length} migrations applied, the last ${applied.at(-1)?.name ?? 'none'}.`,
        );
      });
    });

  program
    .command('create-user')
    .description('creates a user; the password comes from --password or TESSERA_PASSWORD')
    .argument('<username>')
    .requiredOption('--display-name <name>', 'the name shown in the apps')
    .option('--password <password>', 'at least 8 characters (prefer TESSERA_PASSWORD: it stays out of shell history)')
    .option('--department <id>', 'department id')
    .option('--role <role>', 'a global role; repeat for more', collect, [] as string[])
    .option('--app-role <appKey:role>', 'a role in one app; repeat for more', appRole, {} as Record<string, string[]>)
    .action(
      async (
        username: string,
        options: {
          displayName: string;
          password?: string;
          department?: string;
          role: string[];
          appRole: Record<string, string[]>;
        },
      ) => {
        const password = options.password ?? env.TESSERA_PASSWORD;
        if (!password) throw new CliFailure('A password is needed: pass --password or set TESSERA_PASSWORD');
        const user = await withDatabase(async (dataSource) => {
          const users = new UsersService(dataSource, { ...config, seedDemoUsers: false }, new AuditService(dataSource));
          return dataSource.transaction((manager) =>
            users.createUser(
              manager,
              {
                username,
                displayName: options.displayName,
                password,
                departmentId: options.department ?? null,
                roles: options.role,
                appRoles: options.appRole,
              },
              'cli',
            ),
          );
        });
        io.out(
          `Created user ${user.username} (${user.id}) with roles ${[...user.roles, ...Object.entries(user.appRoles).flatMap(([app, roles]) => roles.map((role) => `${app}:${role}`))].join(', ') || 'none'}.`,
        );
      },
    );

  function appsService(dataSource: DataSource): AppsService {
    const audit = new AuditService(dataSource);
    return new AppsService(
      dataSource,
      new FormsService(dataSource, audit),
      new ProcessDefinitionsService(dataSource, audit),
      audit,
    );
  }

  program
    .command('validate')
    .description('validates a template folder or zip as a whole and lists every problem')
    .argument('<template>', 'a template folder or .zip')
    .action(async (source: string) => {
      const files = await loadTemplate(source);
      const result = await withDatabase((dataSource) => appsService(dataSource).validate(files));
      io.out(`${result.package.key} ${result.package.version} is valid (${result.warnings.length} warnings).`);
      for (const warning of result.warnings)
        io.out(`warning ${problemPath(warning)}: ${warning.message.en} [${warning.code}]`);
    });

  program
    .command('import')
    .description('validates and installs a template folder or zip in one transaction')
    .argument('<template>', 'a template folder or .zip')
    .action(async (source: string) => {
      const files = await loadTemplate(source);
      const outcome = await withDatabase(async (dataSource) => {
        const bar = io.progress('Importing', 0);
        try {
          return await appsService(dataSource).import(files, { id: 'cli' }, (done, total) => bar.update(done, total));
        } finally {
          bar.stop();
        }
      });
      io.out(
        outcome.unchanged
          ? `${outcome.key} ${outcome.version} is already installed; nothing changed.`
          : `Installed ${outcome.key} ${outcome.version}: ${count(outcome.forms.length, 'form')}, ${count(outcome.processes.length, 'process', 'processes')}, ${count(outcome.seededRecords, 'seed record')}.`,
      );
      for (const key of outcome.ignoredSettings)
        io.out(`warning: the stored value of setting ${key} is not used by this version; see \`tessera settings ${outcome.key}\`.`);
    });

  program
    .command('export')
    .description('writes an installed app as a template zip that `import` and `validate` read')
    .argument('<app>', 'the app key')
    .option('--out <file>', 'where to write the zip (default <app>-<version>.zip in the current folder)')
    .option('--seed', 'include the current records as seed data, with the scenarios', false)
    .action(async (appKey: string, options: { out?: string; seed: boolean }) => {
      const exported = await withDatabase((dataSource) => new AppExportService(dataSource).zip(appKey, { seed: options.seed }));
      const out = path.resolve(options.out ?? `${exported.key}-${exported.version}.zip`);
      fs.writeFileSync(out, exported.zip);
      io.out(`Exported ${exported.key} ${exported.version} to ${out} (${exported.zip.length} bytes${options.seed ? ', with seed data' : ''}).`);
    });

  program
    .command('settings')
    .description('prints an installed app\'s settings; with key=value arguments sets them (validated and audited as in the studio)')
    .argument('<app>', 'the app key')
    .argument('[assignments...]', 'key=value; a list as a,b,c or a JSON array')
    .option('--reset <key>', 'puts a setting back to its default (or clears a value the app no longer declares); repeat for more', collect, [] as string[])
    .action(async (appKey: string, assignments: string[], options: { reset: string[] }) => {
      const view = await withDatabase(async (dataSource) => {
        const settings = new AppSettingsService(dataSource, new AuditService(dataSource));
        if (!assignments.length && !options.reset.length) return settings.get(appKey);
        const current = await settings.get(appKey);
        const values: Record<string, unknown> = {};
        for (const assignment of assignments) {
          const separator = assignment.indexOf('=');
          if (separator < 1) throw new CliFailure(`Expected key=value, got "${assignment}"`);
          const key = assignment.slice(0, separator);
          const declared = current.items.find((item) => item.key === key);
          values[key] = settingFromText(declared?.type, assignment.slice(separator + 1));
        }
        for (const key of options.reset) values[key] = null;
        const updated = await settings.update(appKey, values, { id: 'cli' });
        io.out(`Saved ${Object.keys(values).length} setting(s) of ${appKey}.`);
        return updated;
      });
      for (const line of describeSettings(view)) io.out(line);
    });

  program
    .command('verify-audit')
    .description('checks the hash chain of the audit log; exits with 1 naming the first broken row')
    .action(async () => {
      const result = await withDatabase(async (dataSource) => {
        const bar = io.progress('Verifying audit log', 0);
        try {
          return await new AuditService(dataSource).verify((checked, total) => bar.update(checked, total));
        } finally {
          bar.stop();
        }
      });
      if (result.ok) {
        io.out(`Audit log intact: ${result.checked} entries verified.`);
        return;
      }
      const broken = result.firstBroken!;
      const why = {
        content: 'its content does not match its hash',
        link: 'it does not follow the previous entry',
        head: 'entries are missing at the end',
      }[broken.reason];
      throw new CliFailure(
        `Audit log broken at entry ${broken.seq}${broken.id ? ` (${broken.id})` : ''}: ${why}. ${result.checked} entries before it are intact.`,
      );
    });

  return program;
}

/** A value typed on the command line as the declared type reads it; what does not parse is left for validation to name. */
export function settingFromText(type: string | undefined, raw: string): unknown {
  switch (type) {
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'stringList':
      if (raw.trim().startsWith('[')) {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return raw;
        }
      }
      return raw.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
    default:
      return raw;
  }
}

function describeSettings(view: AppSettingsView): string[] {
  const lines = [`${view.appKey} ${view.version}: ${view.items.length} setting(s)`];
  for (const item of view.items) {
    const source =
      item.value === null || item.problem
        ? 'default'
        : `set by ${item.updatedBy ?? '?'} at ${item.updatedAt ? new Date(item.updatedAt).toISOString() : '?'}; default ${JSON.stringify(item.default)}`;
    lines.push(`  ${item.key} = ${JSON.stringify(item.effective)} (${source})`);
    lines.push(`    ${item.label['zh-CN']} / ${item.label.en} [${item.type}${item.format ? `, ${item.format}` : ''}]`);
    if (item.problem) lines.push(`    warning: ${item.problem.message.en} (stored ${JSON.stringify(item.value)})`);
  }
  for (const setting of view.undeclared) {
    lines.push(
      `  warning: ${setting.message.en}: ${setting.key} = ${JSON.stringify(setting.value)} (clear it with --reset ${setting.key})`,
    );
  }
  return lines;
}

/** A failure the CLI reports in one line, without a stack trace. */
export class CliFailure extends Error {}

/** Runs the CLI; returns the process exit code. */
export async function runCli(argv: string[], options: CliOptions): Promise<number> {
  const program = buildProgram(options);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      options.io.err(error.message);
      return 1;
    }
    if (error instanceof ApiError) {
      // One line per problem: a template may have dozens, each with its file and path.
      options.io.err(`${error.messages.en} [${error.code}]`);
      for (const detail of error.details) options.io.err(`  ${detail.path}: ${detail.message.en} [${detail.code}]`);
      return 1;
    }
    if (error instanceof DefinitionError) {
      options.io.err(error.message);
      return 1;
    }
    if (error && typeof error === 'object' && 'exitCode' in error && typeof error.exitCode === 'number') {
      return error.exitCode; // commander already printed usage or help
    }
    throw error;
  }
}

import { Command, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { loadConfig, type TesseraConfig } from '../core/config';
import { type DatabaseTarget, openDatabase } from '../core/database/data-source';
import { ApiError } from '../core/errors/api-error';
import { UsersService } from '../users/users.service';
import type { CliIo } from './cli-io';

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
    .description('Tessera administration: database migrations, users, audit verification')
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
      options.io.err(
        `${error.messages.en}${error.details.length ? `: ${error.details.map((detail) => `${detail.path} ${detail.message.en}`).join('; ')}` : ''} [${error.code}]`,
      );
      return 1;
    }
    if (error && typeof error === 'object' && 'exitCode' in error && typeof error.exitCode === 'number') {
      return error.exitCode; // commander already printed usage or help
    }
    throw error;
  }
}

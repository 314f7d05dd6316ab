import path from 'node:path';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TesseraConfig {
  port: number;
  databaseUrl?: string;
  /**
   * A PostgreSQL read replica for report dataset queries (runs, previews, dashboards, exports);
   * everything else stays on `databaseUrl`. Absent: reports read the primary.
   */
  databaseReadUrl?: string;
  /** Connections in the replica's pool (DATABASE_READ_POOL_SIZE, default 5). */
  databaseReadPoolSize: number;
  /** Postgres schema to work in (default: the database's search path). */
  databaseSchema?: string;
  /** Where the embedded database keeps its files when no DATABASE_URL is set. */
  dataDir: string;
  /** Built web app served at `/`; absent in tests and API-only deployments. */
  webDist?: string;
  logLevel: string;
  jwtSecret: string;
  /** Lifetime of an access token, in seconds. */
  accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token, in seconds. */
  refreshTokenTtlSeconds: number;
  /** Seeds the demo users of the bank templates on first start. */
  seedDemoUsers: boolean;
  /** A folder of templates to install at start (`pnpm start` installs the bundled ones). */
  installTemplatesFrom?: string;
  /** Origins allowed to call the API from a browser; empty means same-origin only. */
  corsOrigins: string[];
  /** Largest accepted JSON or XML request body. */
  bodyLimit: string;
  /** Runs the job worker loop in this process. */
  workerEnabled: boolean;
  /** How long an idle worker waits before looking for due jobs again, in milliseconds. */
  workerPollMs: number;
  /** HTTP gateways that deliver outbox messages, per channel; a channel without one keeps its messages pending. */
  outboxGateways: Partial<Record<'email' | 'sms', { url: string; token?: string }>>;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

const repositoryRoot = path.resolve(__dirname, '../../../..');

/** TESSERA_INSTALL_TEMPLATES: `true` for the bundled `templates/` folder, or a folder of templates. */
function installTemplatesFrom(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.TESSERA_INSTALL_TEMPLATES?.trim();
  if (!raw || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return path.join(repositoryRoot, 'templates');
  return path.resolve(raw);
}

/** DATABASE_READ_URL: only beside DATABASE_URL, and only a postgres:// (or postgresql://) URL. */
function databaseReadUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_READ_URL?.trim();
  if (!raw) return undefined;
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_READ_URL needs DATABASE_URL: a read replica is only used beside a PostgreSQL primary, not the embedded database',
    );
  }
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new Error('DATABASE_READ_URL must be a postgres:// URL, got a value that is not a URL');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(`DATABASE_READ_URL must be a postgres:// URL, got a ${protocol}// URL`);
  }
  return raw;
}

/** TESSERA_EMAIL_GATEWAY_URL / TESSERA_SMS_GATEWAY_URL, each with an optional `_TOKEN` sent as a bearer token. */
function outboxGateways(env: NodeJS.ProcessEnv): TesseraConfig['outboxGateways'] {
  const gateways: TesseraConfig['outboxGateways'] = {};
  for (const channel of ['email', 'sms'] as const) {
    const name = `TESSERA_${channel.toUpperCase()}_GATEWAY_URL`;
    const raw = env[name]?.trim();
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
    }
    const token = env[`TESSERA_${channel.toUpperCase()}_GATEWAY_TOKEN`]?.trim();
    gateways[channel] = { url: url.toString(), ...(token ? { token } : {}) };
  }
  return gateways;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TesseraConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${env.PORT}"`);
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: databaseReadUrl(env),
    databaseReadPoolSize: positiveInteger(env, 'DATABASE_READ_POOL_SIZE', 5),
    databaseSchema: env.TESSERA_DATABASE_SCHEMA || undefined,
    dataDir: path.resolve(env.TESSERA_DATA_DIR ?? path.join(repositoryRoot, '.tessera-data', 'pglite')),
    webDist: env.TESSERA_WEB_DIST ?? path.join(repositoryRoot, 'apps', 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    jwtSecret: env.TESSERA_JWT_SECRET ?? 'tessera-development-secret-change-me',
    accessTokenTtlSeconds: positiveInteger(env, 'TESSERA_ACCESS_TOKEN_TTL', 15 * 60),
    refreshTokenTtlSeconds: positiveInteger(env, 'TESSERA_REFRESH_TOKEN_TTL', 30 * 24 * 3600),
    seedDemoUsers: flag(env, 'TESSERA_DEMO_USERS', true),
    installTemplatesFrom: installTemplatesFrom(env),
    corsOrigins: (env.TESSERA_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    bodyLimit: env.TESSERA_BODY_LIMIT ?? '2mb',
    workerEnabled: flag(env, 'TESSERA_WORKER', true),
    workerPollMs: positiveInteger(env, 'TESSERA_WORKER_POLL_MS', 1000),
    outboxGateways: outboxGateways(env),
  };
}

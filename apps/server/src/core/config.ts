import path from 'node:path';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TesseraConfig {
  port: number;
  databaseUrl?: string;
  /** Where the embedded database keeps its files when no DATABASE_URL is set. */
  dataDir: string;
  /** Built web app served at `/`; absent in tests and API-only deployments. */
  webDist?: string;
  logLevel: string;
  jwtSecret: string;
}

const repositoryRoot = path.resolve(__dirname, '../../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TesseraConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${env.PORT}"`);
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.TESSERA_DATA_DIR ?? path.join(repositoryRoot, '.tessera-data', 'pglite')),
    webDist: env.TESSERA_WEB_DIST ?? path.join(repositoryRoot, 'apps', 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    jwtSecret: env.TESSERA_JWT_SECRET ?? 'tessera-development-secret-change-me',
  };
}

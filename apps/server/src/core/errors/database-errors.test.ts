import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { HttpStatus } from '@nestjs/common';
import pg from 'pg';
import { classifyDatabaseError, databaseApiError } from './database-errors';
import { toApiError } from './api-exception.filter';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function connectionError(port: number): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error('expected the connection to fail');
}

describe('database failures seen by the exception filter', () => {
  it('maps a refused connection to 503 database.unavailable with Retry-After', async () => {
    const error = await connectionError(await closedPort());
    expect(classifyDatabaseError(error)).toBe('unavailable');
    const apiError = toApiError(error);
    expect(apiError.status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(apiError.code).toBe('database.unavailable');
    expect(apiError.headers['Retry-After']).toMatch(/^\d+$/);
    expect(apiError.details[0]!.code).toBe('connection.ECONNREFUSED');
  });

  it('maps a connection the server drops half-way to database.unavailable', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const error = await connectionError((server.address() as net.AddressInfo).port);
      expect(classifyDatabaseError(error)).toBe('unavailable');
      expect(toApiError(error).code).toBe('database.unavailable');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('maps disk_full and out_of_memory raised by the database to 503 database.writeFailed, other SQL errors to 500', async () => {
    const db = new PGlite();
    try {
      const raise = async (errcode: string): Promise<unknown> =>
        db.exec(`DO $$ BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = '${errcode}'; END $$`).then(
          () => {
            throw new Error('expected an error');
          },
          (error: unknown) => error,
        );
      const diskFull = await raise('53100');
      expect(classifyDatabaseError(diskFull)).toBe('writeFailed');
      const apiError = databaseApiError('writeFailed', diskFull);
      expect(apiError).toMatchObject({ status: 503, code: 'database.writeFailed' });
      expect(apiError.details[0]!.code).toBe('sqlstate.53100');
      expect(classifyDatabaseError(await raise('53200'))).toBe('writeFailed');
      expect(classifyDatabaseError(await raise('57P01'))).toBe('unavailable');
      const nul = await raise('22P05');
      expect(classifyDatabaseError(nul)).toBe('invalidValue');
      expect(toApiError(nul)).toMatchObject({ status: 400, code: 'request.invalidValue' });
      const unique = await raise('23505');
      expect(classifyDatabaseError(unique)).toBeUndefined();
      expect(toApiError(unique).status).toBe(500);
    } finally {
      await db.close();
    }
  });

  it('looks through wrappers: driverError, cause and AggregateError', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyDatabaseError(new AggregateError([socket], 'all addresses failed'))).toBe('unavailable');
    expect(classifyDatabaseError(Object.assign(new Error('query failed'), { driverError: socket }))).toBe('unavailable');
    expect(classifyDatabaseError(new Error('wrapped', { cause: socket }))).toBe('unavailable');
    expect(classifyDatabaseError(new Error('something else'))).toBeUndefined();
    expect(classifyDatabaseError(null)).toBeUndefined();
  });
});

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServerProcess, type ServerProcess, type StartServerOptions } from './server-process';
import { openPage, signIn } from './session';

export interface SignedInSession {
  server: ServerProcess;
  browser: Browser;
  page: Page;
  /** Uncaught page errors, which a test expects to stay empty. */
  errors: string[];
}

/**
 * Registers Jest hooks that start the built server on a fresh embedded database, open Chromium and
 * sign in as `username`; everything is torn down after the file. Read the fields inside tests.
 * `serverOptions` adds environment, e.g. `TESSERA_INSTALL_TEMPLATES: 'true'` for the bank templates.
 */
export function useSignedInSession(username: string, serverOptions: StartServerOptions = {}): SignedInSession {
  const session = {} as SignedInSession;
  beforeAll(async () => {
    session.server = await startServerProcess(serverOptions);
    session.browser = await launchBrowser();
    Object.assign(session, await openPage(session.browser));
    await signIn(session.page, session.server.url, username);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
    if (session.server) fs.rmSync(session.server.dataDir, { recursive: true, force: true });
  });
  return session;
}

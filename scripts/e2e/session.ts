import type { Browser, Page } from 'playwright-core';

/** The password every demo account of the embedded database shares (docs/operations.md). */
export const demoPassword = process.env.TESSERA_DEMO_PASSWORD ?? 'Tessera@2026';

/** A zh-CN page at 1366×768 that records uncaught errors, as the screenshots are judged. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** Signs in through the login page as a person would and waits for the workbench. */
export async function signIn(page: Page, baseUrl: string, username: string, password = demoPassword): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('current-user').waitFor();
}

/** Fetches an access token for API set-up steps of a test. */
export async function apiToken(baseUrl: string, username: string, password = demoPassword): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login as ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Calls the API at `baseUrl` as the holder of `token`; the parsed answer, or an error naming the status and body. */
export async function apiCall(baseUrl: string, token: string, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${baseUrl}/api${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * The web app's figures: gzipped JavaScript of the first page against the whole app, and the time
 * to render a 200-field form with the FormRenderer in Chromium against writing 200 plain labelled
 * inputs into the same page. Runs the built server and web app; builds them first when a build is
 * missing (`pnpm bench` builds both before any script).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/browser';
import { startServerProcess } from '../e2e/server-process';
import { apiToken } from '../e2e/session';
import { reportBench, type BenchFigure } from './harness';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'apps/web/dist');
const FIELD_COUNT = 200;
const INITIAL_BUDGET_KB = 1536;

function gzipKb(file: string): number {
  return gzipSync(fs.readFileSync(file)).length / 1024;
}

/** The entry script and the chunks it preloads: what the browser fetches before the first page shows. */
function bundleFigures(): { initialKb: number; allKb: number; initialFiles: string[] } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  const allJs = fs.readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js'));
  return {
    initialFiles: referenced,
    initialKb: referenced.reduce((sum, file) => sum + gzipKb(path.join(dist, file)), 0),
    allKb: allJs.reduce((sum, file) => sum + gzipKb(path.join(dist, 'assets', file)), 0),
  };
}

const fieldTypes = ['text', 'money', 'select', 'date', 'mobile', 'integer', 'textarea', 'radio', 'switch', 'residentId'] as const;

function benchForm() {
  const fields = Array.from({ length: FIELD_COUNT }, (_, index) => {
    const type = fieldTypes[index % fieldTypes.length]!;
    const options = type === 'select' || type === 'radio' ? [{ value: 'a', label: { 'zh-CN': '甲', en: 'A' } }, { value: 'b', label: { 'zh-CN': '乙', en: 'B' } }] : undefined;
    return {
      key: `field${index}`,
      type,
      label: { 'zh-CN': `字段 ${index}`, en: `Field ${index}` },
      ...(options ? { options } : {}),
      ...(index % 7 === 0 ? { required: true } : {}),
      ...(index % 11 === 0 && index > 0 ? { visible: { '!=': [{ var: 'field0' }, 'hide'] } } : {}),
    };
  });
  return { key: 'bench-two-hundred', version: 1, title: { 'zh-CN': '两百字段表单', en: 'Two hundred fields' }, fields };
}

/**
 * Serves the built app with Vite's preview server in front of the API. The server's
 * Content-Security-Policy forbids the code generation ajv needs for form validation in the
 * browser; the preview serves the same files without it, so the figure measures rendering.
 */
async function previewServer(apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const vite = createRequire(path.join(root, 'apps/web/package.json'))('vite') as typeof import('vite');
  const preview = await vite.preview({ root: path.join(root, 'apps/web'), configFile: path.join(root, 'apps/web/vite.config.ts'), logLevel: 'silent', preview: { port: 0, strictPort: false, proxy: { '/api': apiUrl } } });
  const address = preview.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  return { url: `http://127.0.0.1:${port}`, close: () => preview.close() };
}

async function renderFigures(): Promise<{ oursMs: number; inDomMs: number; peerMs: number }> {
  const server = await startServerProcess();
  const browser = await launchBrowser();
  const app = await previewServer(server.url);
  try {
    const token = await apiToken(server.url, 'admin');
    const saved = await fetch(`${server.url}/api/forms`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ appKey: 'bench', definition: benchForm() }) });
    if (!saved.ok) throw new Error(`saving the bench form answered ${saved.status}: ${await saved.text()}`);
    const login = await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: process.env.TESSERA_DEMO_PASSWORD ?? 'Tessera@2026' }) })).json();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${app.url}/login`);
    await page.evaluate((session) => localStorage.setItem('tessera.session', JSON.stringify(session)), login);
    await page.goto(`${app.url}/studio/forms/bench-two-hundred`);
    await page.getByTestId('designer-preview').waitFor();

    const ours: number[] = [];
    const inDom: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      // In the page: when the click arrives and when the 200th field is in the DOM (the drawer and
      // the form go in in one React commit, so this is render, commit and layout effects).
      await page.evaluate((count) => {
        const marks: { click?: number; fields?: number } = {};
        (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
        document.addEventListener('click', () => (marks.click = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('.ant-drawer .renderer-field').length < count) return;
          marks.fields = performance.now();
          observer.disconnect();
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }, FIELD_COUNT);
      const started = Date.now();
      await page.getByTestId('designer-preview').click();
      await page.waitForFunction((count) => document.querySelectorAll('.ant-drawer .renderer-field').length >= count, FIELD_COUNT, { polling: 'raf' });
      ours.push(Date.now() - started);
      inDom.push(await page.evaluate(() => {
        const marks = (window as unknown as { benchMarks: { click?: number; fields?: number } }).benchMarks;
        return (marks.fields ?? Number.NaN) - (marks.click ?? Number.NaN);
      }));
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.querySelectorAll('.ant-drawer .renderer-field').length === 0);
    }
    const peer: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      peer.push(
        await page.evaluate((count) => {
          const started = performance.now();
          const form = document.createElement('form');
          for (let index = 0; index < count; index += 1) {
            const label = document.createElement('label');
            label.textContent = `字段 ${index}`;
            const input = document.createElement('input');
            input.name = `field${index}`;
            label.appendChild(input);
            form.appendChild(label);
          }
          document.body.appendChild(form);
          void form.getBoundingClientRect().height;
          const elapsed = performance.now() - started;
          form.remove();
          return elapsed;
        }, FIELD_COUNT),
      );
    }
    // The first round warms the chunk cache and the compiler; the median of the rest is reported.
    const median = (values: number[]) => [...values.slice(1)].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    return { oursMs: median(ours), inDomMs: median(inDom), peerMs: Math.max(median(peer), 0.01) };
  } finally {
    await app.close();
    await browser.close();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(path.join(dist, 'index.html')) || !fs.existsSync(path.join(root, 'apps/server/dist/main.js'))) {
    console.log('building the server and the web app first');
    const build = spawnSync(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--filter=@tessera/server...', '--filter=@tessera/web...', '--output-logs=errors-only'],
      { cwd: root, stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('the server or the web app does not build (pnpm build shows why)');
  }
  const bundle = bundleFigures();
  const render = await renderFigures();
  const figures: BenchFigure[] = [
    {
      name: 'initial route JavaScript (gzip)',
      unit: 'KB',
      ours: bundle.initialKb,
      peer: bundle.allKb,
      peerName: 'whole app with every lazy chunk',
      higherIsBetter: false,
      target: `ours < ${INITIAL_BUDGET_KB} KB`,
    },
    {
      name: `render a ${FIELD_COUNT}-field form (FormRenderer, Chromium)`,
      unit: 'ms',
      ours: render.oursMs,
      peer: render.peerMs,
      peerName: `${FIELD_COUNT} plain labelled inputs written to the DOM`,
      higherIsBetter: false,
    },
  ];
  reportBench('web', figures, [
    `initial files: ${bundle.initialFiles.join(', ')}`,
    `initial route within budget: ${bundle.initialKb < INITIAL_BUDGET_KB ? 'yes' : 'NO'}`,
    `${FIELD_COUNT}-field form: from the click on the designer's 预览 (Preview) until ${FIELD_COUNT} fields are in its drawer, as the test sees it (median of rounds 2-4): the designer's state change, compiling and evaluating the form, rendering and committing the drawer and the fields (layout effects included), and the wait for the next frame; the drawer's opening animation starts after the fields are in and is not in it`,
    `of which in the page until the ${FIELD_COUNT} fields are in the DOM: ${render.inDomMs.toFixed(0)} ms`,
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

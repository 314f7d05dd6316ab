/**
 * Opens every template BPMN file in bpmn-js (the modeler the studio uses) inside headless Chromium,
 * prints the import warnings and writes a PNG of each diagram, so a template author sees what
 * business staff will see.
 *
 *   pnpm exec tsx scripts/templates/render-diagrams.ts [output folder, default /tmp/tessera-diagrams]
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(__dirname, '..', '..');
const output = process.argv[2] ?? '/tmp/tessera-diagrams';
const modeler = require.resolve('bpmn-js/dist/bpmn-modeler.development.js', { paths: [join(root, 'packages', 'ui')] });
const assets = join(modeler, '..', 'assets');

async function main(): Promise<void> {
  mkdirSync(output, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  let failures = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 3000, height: 900 } });
    await page.setContent(`<html><head><style>${readFileSync(join(assets, 'diagram-js.css'), 'utf8')}${readFileSync(join(assets, 'bpmn-js.css'), 'utf8')}</style></head><body style="margin:0"><div id="canvas" style="width:3000px;height:900px"></div></body></html>`);
    await page.addScriptTag({ path: modeler });
    for (const template of readdirSync(join(root, 'templates'))) {
      const folder = join(root, 'templates', template, 'processes');
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.bpmn'))) {
        const xml = readFileSync(join(folder, file), 'utf8');
        const result = await page.evaluate(async (text) => {
          const host = document.getElementById('canvas')!;
          host.innerHTML = '';
          const BpmnJS = (window as unknown as { BpmnJS: new (options: { container: HTMLElement }) => { importXML(xml: string): Promise<{ warnings: { message: string }[] }>; get(name: string): { zoom(mode: string): void; getRootElement(): unknown }; get(name: 'elementRegistry'): { getAll(): unknown[] } } }).BpmnJS;
          const viewer = new BpmnJS({ container: host });
          try {
            const { warnings } = await viewer.importXML(text);
            (viewer.get('canvas') as { zoom(mode: string): void }).zoom('fit-viewport');
            return { warnings: warnings.map((warning) => warning.message), shapes: (viewer.get('elementRegistry') as { getAll(): unknown[] }).getAll().length };
          } catch (error) {
            return { error: String(error) };
          }
        }, xml);
        const name = `${template}--${file.replace(/\.bpmn$/, '')}`;
        if ('error' in result) {
          failures++;
          console.log(`${name}: cannot be opened: ${result.error}`);
          continue;
        }
        await page.screenshot({ path: join(output, `${name}.png`) });
        console.log(`${name}: ${result.shapes} diagram elements, ${result.warnings.length} warnings${result.warnings.map((warning) => `\n  - ${warning}`).join('')}`);
        if (result.warnings.length > 0) failures++;
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`pictures in ${output}`);
  process.exitCode = failures > 0 ? 1 : 0;
}

void main();

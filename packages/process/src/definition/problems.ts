import type { Problem } from '@tessera/rules';

/** Collects definition problems so `compileProcess` can report all of them at once. */
export class ProblemList {
  readonly items: Problem[] = [];

  add(code: string, elementId: string | undefined, zh: string, en: string): void {
    this.items.push({ code, ...(elementId ? { elementId } : {}), message: { 'zh-CN': zh, en }, severity: 'error' });
  }
}

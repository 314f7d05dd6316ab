import { SingleBar, Presets } from 'cli-progress';

/** Where the CLI writes; tests capture it, the terminal shows it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** A progress bar on a terminal, nothing elsewhere (logs and tests stay clean). */
  progress(label: string, total: number): { update(value: number, total?: number): void; stop(): void };
}

export const terminalIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: (label, total) => {
    if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
    const bar = new SingleBar(
      { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update: (value, newTotal) => {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(value);
      },
      stop: () => bar.stop(),
    };
  },
};

import 'reflect-metadata';
import { terminalIo } from './cli-io';
import { runCli } from './program';

runCli(process.argv.slice(2), { io: terminalIo }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`tessera: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);

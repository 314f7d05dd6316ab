import 'reflect-metadata';
import { terminalIo } from './cli-io';
import { runCli } from './program';

// `pnpm tessera …` runs this from the server package; paths on the command line are meant relative
// to where the user typed it (pnpm passes that directory as INIT_CWD).
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

runCli(process.argv.slice(2), { io: terminalIo }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`tessera: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);

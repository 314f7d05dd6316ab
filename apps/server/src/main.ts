import { createApp } from './bootstrap';
import { loadConfig } from './core/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({
    config,
    database: config.databaseUrl
      ? { url: config.databaseUrl, schema: config.databaseSchema }
      : { dataDir: config.dataDir },
  });
  await app.listen(config.port, '0.0.0.0');
  const url = await app.getUrl();
  process.stdout.write(
    `Tessera is listening on ${url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Tessera failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

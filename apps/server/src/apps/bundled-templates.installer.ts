import fs from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { importOrder, loadTemplate, type TemplateFiles } from '@tessera/app-package';
import type { AppManifest } from '@tessera/app-package';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';
import { UsersService } from '../users/users.service';
import { AppsService } from './apps.service';

interface BundledTemplate {
  folder: string;
  files: TemplateFiles;
  manifest: AppManifest;
}

/**
 * Installs the templates shipped in `templates/` when the server starts with
 * TESSERA_INSTALL_TEMPLATES=true (as `pnpm start` does), so a new installation comes up with
 * the bank apps and their seed data. Importing is idempotent: an unchanged template is skipped.
 */
@Injectable()
export class BundledTemplatesInstaller implements OnApplicationBootstrap {
  private readonly logger = new Logger(BundledTemplatesInstaller.name);

  constructor(
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly apps: AppsService,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.installTemplatesFrom) return;
    // Seed records name their owners among the demo users, so those come first.
    if (this.config.seedDemoUsers) await this.users.seedDemoUsers();
    for (const template of importOrder(await this.readTemplates(this.config.installTemplatesFrom))) {
      try {
        const outcome = await this.apps.import(template.files, { id: 'system' });
        this.logger.log(
          outcome.unchanged
            ? `Template ${outcome.key} ${outcome.version} already installed`
            : `Installed template ${outcome.key} ${outcome.version} with ${outcome.seededRecords} seed records`,
        );
      } catch (error) {
        throw new Error(`Installing the template in ${template.folder} failed: ${describe(error)}`, { cause: error });
      }
    }
  }

  private async readTemplates(root: string): Promise<BundledTemplate[]> {
    if (!fs.existsSync(root)) throw new Error(`TESSERA_INSTALL_TEMPLATES names ${root}, which does not exist`);
    const folders = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'app.json')))
      .map((entry) => path.join(root, entry.name))
      .sort();
    return Promise.all(
      folders.map(async (folder) => {
        const files = await loadTemplate(folder);
        const manifestBytes = files.get('app.json');
        if (!manifestBytes) throw new Error(`${folder}/app.json is missing`);
        let manifest: AppManifest;
        try {
          manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as AppManifest;
        } catch (error) {
          throw new Error(`${folder}/app.json is not valid JSON: ${describe(error)}`, { cause: error });
        }
        return { folder, files, manifest };
      }),
    );
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'getResponse' in error) {
    return JSON.stringify((error as { getResponse(): unknown }).getResponse());
  }
  return error instanceof Error ? error.message : String(error);
}

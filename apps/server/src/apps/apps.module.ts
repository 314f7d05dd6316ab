import { Module } from '@nestjs/common';
import { AppsController } from './apps.controller';
import { AppExportService } from './app-export';
import { AppsService } from './apps.service';
import { BundledTemplatesInstaller } from './bundled-templates.installer';

@Module({ controllers: [AppsController], providers: [AppsService, AppExportService, BundledTemplatesInstaller], exports: [AppsService, AppExportService] })
export class AppsModule {}

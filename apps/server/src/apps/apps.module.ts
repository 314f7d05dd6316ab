import { Module } from '@nestjs/common';
import { AppSettingsController } from './app-settings.controller';
import { AppSettingsService } from './app-settings.service';
import { AppsController } from './apps.controller';
import { AppExportService } from './app-export';
import { AppsService } from './apps.service';
import { BundledTemplatesInstaller } from './bundled-templates.installer';

@Module({
  controllers: [AppsController, AppSettingsController],
  providers: [AppsService, AppSettingsService, AppExportService, BundledTemplatesInstaller],
  exports: [AppsService, AppSettingsService, AppExportService],
})
export class AppsModule {}

import { Module } from '@nestjs/common';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { BundledTemplatesInstaller } from './bundled-templates.installer';

@Module({ controllers: [AppsController], providers: [AppsService, BundledTemplatesInstaller], exports: [AppsService] })
export class AppsModule {}

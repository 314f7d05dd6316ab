import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError, type ApiErrorDetail, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { loadAppSettings, type SettingView, settingValueProblems, settingViews, type UndeclaredSetting } from './app-settings';

/** `GET /api/apps/:appKey/settings`: every declared setting, and stored values no declaration uses. */
export interface AppSettingsView {
  appKey: string;
  version: string;
  items: SettingView[];
  undeclared: UndeclaredSetting[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and sets the values IT gives an installed app's declared settings; every change is audited. */
@Injectable()
export class AppSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(appKey: string, manager: EntityManager = this.dataSource.manager): Promise<AppSettingsView> {
    const loaded = await loadAppSettings(manager, appKey);
    if (!loaded) throw notFound(text(`应用“${appKey}”不存在`, `No app "${appKey}"`), 'app.notFound');
    return { appKey, version: loaded.version, ...settingViews(loaded.declared, loaded.stored) };
  }

  /**
   * Sets values by key (null: back to the default) in one transaction. Every value is checked against
   * its declaration first; an unknown key or a wrong value is a 422 naming `settings.<key>`, and
   * nothing is written. Null also clears a stored value the installed version no longer declares.
   */
  async update(appKey: string, values: unknown, actor: { id: string }): Promise<AppSettingsView> {
    if (!isPlainObject(values)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'request.invalid', text('请求参数不正确', 'The request has invalid values'), [
        {
          path: 'settings',
          code: 'validation.isObject',
          message: text('应为“设置键: 值”的对象', 'An object of setting keys to values'),
        },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAppSettings(manager, appKey, { lock: true });
      if (!loaded) throw notFound(text(`应用“${appKey}”不存在`, `No app "${appKey}"`), 'app.notFound');
      const stored = new Map(loaded.stored.map((setting) => [setting.key, setting.value]));
      const problems: ApiErrorDetail[] = [];
      for (const [key, value] of Object.entries(values)) {
        const setting = Object.hasOwn(loaded.declared, key) ? loaded.declared[key] : undefined;
        if (!setting) {
          if (value === null && stored.has(key)) continue;
          problems.push({
            path: `settings.${key}`,
            code: 'setting.unknown',
            message: text(`应用 ${appKey} 没有声明设置“${key}”`, `The app ${appKey} declares no setting "${key}"`),
          });
        } else if (value !== null) {
          problems.push(...settingValueProblems(key, setting, value));
        }
      }
      if (problems.length) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'settings.invalid',
          text(`设置有 ${problems.length} 个问题，未保存任何值`, `${problems.length} setting value(s) are wrong; nothing was saved`),
          problems,
        );
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values)) {
        const previous = stored.has(key) ? stored.get(key) : null;
        if (JSON.stringify(previous) === JSON.stringify(value)) continue;
        before[key] = previous;
        after[key] = value;
        if (value === null) {
          await manager.query(`DELETE FROM app_setting WHERE app_key = $1 AND key = $2`, [appKey, key]);
        } else {
          await manager.query(
            `INSERT INTO app_setting (app_key, key, value, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (app_key, key) DO UPDATE SET value = $3, updated_by = $4, updated_at = now()`,
            [appKey, key, JSON.stringify(value), actor.id],
          );
        }
      }
      // Null in before/after means the manifest's default; a request that changes nothing is not audited.
      if (Object.keys(after).length) {
        await this.audit.append(manager, {
          actor: actor.id,
          action: 'app.settings.update',
          entityType: 'app',
          entityId: appKey,
          before,
          after,
        });
      }
      return this.get(appKey, manager);
    });
  }
}

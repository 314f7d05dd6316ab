import type { AppSetting } from '@tessera/app-package';
import type { LocalizedText } from '@tessera/rules';
import type { EntityManager } from 'typeorm';
import type { ApiErrorDetail } from '../core/errors/api-error';
import { text } from '../core/errors/localized';

/** A value IT stored for one setting key of an app. */
export interface StoredSetting {
  key: string;
  value: unknown;
  updatedBy: string;
  updatedAt: Date;
}

/** One declared setting as IT sees it: what the manifest says, what is stored, what processes read. */
export interface SettingView {
  key: string;
  type: AppSetting['type'];
  format: AppSetting['format'] | null;
  label: LocalizedText;
  default: unknown;
  /** The stored value; null when the default applies. */
  value: unknown;
  /** What a process started now reads as `settings.<key>`. */
  effective: unknown;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** Why a stored value is not used (a newer version declares another type): the default applies. */
  problem: { code: string; message: LocalizedText } | null;
}

/** A stored value whose setting the installed version no longer declares: reported, never used. */
export interface UndeclaredSetting extends StoredSetting {
  message: LocalizedText;
}

const MAX_STRING_LENGTH = 2000;
const MAX_LIST_ITEMS = 200;

function describeType(setting: AppSetting): LocalizedText {
  if (setting.format === 'url') return text('http(s) 地址', 'an http(s) address');
  return {
    string: text('文本', 'a text'),
    number: text('数字', 'a number'),
    boolean: text('是或否（true/false）', 'true or false'),
    stringList: text('文本列表', 'a list of texts'),
  }[setting.type];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Problems of one value for a declared setting, each with its path (`settings.<key>` or an item of it). */
export function settingValueProblems(key: string, setting: AppSetting, value: unknown): ApiErrorDetail[] {
  const path = `settings.${key}`;
  const wrongType = (): ApiErrorDetail[] => {
    const expected = describeType(setting);
    return [
      {
        path,
        code: 'setting.type',
        message: text(`“${setting.label['zh-CN']}”应为${expected['zh-CN']}`, `"${setting.label.en}" must be ${expected.en}`),
      },
    ];
  };
  switch (setting.type) {
    case 'string': {
      if (typeof value !== 'string') return wrongType();
      if (value.length > MAX_STRING_LENGTH) {
        return [
          {
            path,
            code: 'setting.tooLong',
            message: text(`最多 ${MAX_STRING_LENGTH} 个字符`, `at most ${MAX_STRING_LENGTH} characters`),
          },
        ];
      }
      if (setting.format === 'url' && !isHttpUrl(value)) {
        return [
          {
            path,
            code: 'setting.url',
            message: text(
              `“${setting.label['zh-CN']}”应为以 http:// 或 https:// 开头的完整地址`,
              `"${setting.label.en}" must be an absolute address starting with http:// or https://`,
            ),
          },
        ];
      }
      return [];
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : wrongType();
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrongType();
    case 'stringList': {
      if (!Array.isArray(value)) return wrongType();
      if (value.length > MAX_LIST_ITEMS) {
        return [{ path, code: 'setting.tooLong', message: text(`最多 ${MAX_LIST_ITEMS} 项`, `at most ${MAX_LIST_ITEMS} items`) }];
      }
      return value.flatMap((item: unknown, index) =>
        typeof item === 'string' && item.trim().length > 0 && item.length <= MAX_STRING_LENGTH
          ? []
          : [
              {
                path: `${path}[${index}]`,
                code: 'setting.listItem',
                message: text('每一项应为非空文本', 'each item must be a non-empty text'),
              },
            ],
      );
    }
    default:
      return wrongType();
  }
}

/** Declared settings merged with what is stored: the stored value over the default, unless it no longer fits. */
export function settingViews(
  declared: Record<string, AppSetting>,
  stored: StoredSetting[],
): { items: SettingView[]; undeclared: UndeclaredSetting[] } {
  const byKey = new Map(stored.map((setting) => [setting.key, setting]));
  const items = Object.entries(declared).map(([key, setting]): SettingView => {
    const row = byKey.get(key);
    const problems = row ? settingValueProblems(key, setting, row.value) : [];
    const fallback = setting.default ?? null;
    return {
      key,
      type: setting.type,
      format: setting.format ?? null,
      label: setting.label,
      default: fallback,
      value: row ? row.value : null,
      effective: row && problems.length === 0 ? row.value : fallback,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
      problem: problems[0]
        ? {
            code: 'setting.storedValueIgnored',
            message: text(
              `已保存的值不符合当前版本的声明（${problems[0].message['zh-CN']}），现使用默认值`,
              `The stored value does not fit this version's declaration (${problems[0].message.en}); the default applies`,
            ),
          }
        : null,
    };
  });
  const undeclared = stored
    .filter((setting) => !(setting.key in declared))
    .map((setting) => ({
      ...setting,
      message: text(
        `当前版本不再声明设置“${setting.key}”，已保存的值不再使用`,
        `This version no longer declares the setting "${setting.key}"; its stored value is not used`,
      ),
    }));
  return { items, undeclared };
}

/** The values a process reads as `settings`: each declared setting's effective value. */
export function effectiveValues(views: SettingView[]): Record<string, unknown> {
  return Object.fromEntries(views.map((view) => [view.key, view.effective]));
}

/** The declared settings of an installed app and the values stored for it; undefined when no such app. */
export async function loadAppSettings(
  manager: EntityManager,
  appKey: string,
  options: { lock?: boolean } = {},
): Promise<{ version: string; declared: Record<string, AppSetting>; stored: StoredSetting[] } | undefined> {
  const [app] = (await manager.query(
    `SELECT version, manifest -> 'settings' AS settings FROM app WHERE key = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [appKey],
  )) as { version: string; settings: Record<string, AppSetting> | null }[];
  if (!app) return undefined;
  const rows = (await manager.query(
    `SELECT key, value, updated_by, updated_at FROM app_setting WHERE app_key = $1 ORDER BY key`,
    [appKey],
  )) as { key: string; value: unknown; updated_by: string; updated_at: Date }[];
  return {
    version: app.version,
    declared: app.settings ?? {},
    stored: rows.map((row) => ({ key: row.key, value: row.value, updatedBy: row.updated_by, updatedAt: row.updated_at })),
  };
}

/**
 * What a process of the app reads as `settings` when it starts: stored values over the manifest's
 * defaults; null when the app declares no settings.
 */
export async function effectiveAppSettings(manager: EntityManager, appKey: string): Promise<Record<string, unknown> | null> {
  const loaded = await loadAppSettings(manager, appKey);
  if (!loaded || Object.keys(loaded.declared).length === 0) return null;
  return effectiveValues(settingViews(loaded.declared, loaded.stored).items);
}

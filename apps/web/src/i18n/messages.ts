export type Locale = 'zh-CN' | 'en';

/** Every text a user reads, zh-CN first with en beside it. */
export const messages = {
  'zh-CN': {
    'app.name': 'Tessera 低代码平台',
    'app.tagline': '银行自建应用的表单、流程、规则与报表平台',
    'login.title': '登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.usernameRequired': '请输入用户名',
    'login.passwordRequired': '请输入密码',
    'login.notYet': '登录功能即将开放',
    'health.title': '系统状态',
    'health.ok': '运行正常',
    'health.degraded': '部分降级',
    'health.unreachable': '无法连接服务器',
    'health.database': '数据库',
    'health.database.pglite': '内嵌数据库 (PGlite)',
    'health.database.postgres': 'PostgreSQL',
    'health.migrations': '数据库迁移',
    'health.migrationsState': '已执行 {applied} 个，待执行 {pending} 个',
    'locale.switch': 'English',
  },
  en: {
    'app.name': 'Tessera low-code platform',
    'app.tagline': 'Forms, processes, rules and reports for the apps a bank builds itself',
    'login.title': 'Sign in',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.usernameRequired': 'Enter your user name',
    'login.passwordRequired': 'Enter your password',
    'login.notYet': 'Sign-in is coming soon',
    'health.title': 'System status',
    'health.ok': 'Running',
    'health.degraded': 'Degraded',
    'health.unreachable': 'Cannot reach the server',
    'health.database': 'Database',
    'health.database.pglite': 'Embedded database (PGlite)',
    'health.database.postgres': 'PostgreSQL',
    'health.migrations': 'Migrations',
    'health.migrationsState': '{applied} applied, {pending} pending',
    'locale.switch': '中文',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['zh-CN'];

export function translate(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  const template: string = messages[locale][key] ?? messages['zh-CN'][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

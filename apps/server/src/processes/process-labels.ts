import type { EntityManager } from 'typeorm';

export interface Label {
  'zh-CN': string;
  en: string;
}

/** What the inbox and the instance pages show instead of raw keys: process titles, role and form titles. */
export interface Labels {
  process(processKey: string): Label;
  role(appKey: string, role: string): Label;
  form(formKey: string | null): Label | null;
}

function label(value: unknown, fallback: string): Label {
  if (typeof value === 'string' && value) return { 'zh-CN': value, en: value };
  if (value && typeof value === 'object') {
    const text = value as Partial<Label>;
    const zh = text['zh-CN'] || text.en || fallback;
    return { 'zh-CN': zh, en: text.en || zh };
  }
  return { 'zh-CN': fallback, en: fallback };
}

/**
 * A process's title: its BPMN name (zh-CN), and in English the head of its documentation
 * ("Loan approval: …") when the documentation starts with one, otherwise the name again.
 */
export function processTitle(key: string, name: string | null, xml: string | null): Label {
  const zh = name || key;
  const documentation = xml
    ? /<(?:bpmn:)?process\b[^>]*>\s*<(?:bpmn:)?documentation>([^<]*)</.exec(xml)?.[1]
    : undefined;
  const head = documentation ? /^([A-Z][^:.\n]{1,60}):/.exec(documentation.trim())?.[1] : undefined;
  return { 'zh-CN': zh, en: head ?? zh };
}

/** Loads the labels for a batch of rows in three queries, whatever their number. */
export async function loadLabels(
  manager: EntityManager,
  wanted: { processKeys: Iterable<string>; appKeys: Iterable<string>; formKeys: Iterable<string | null> },
): Promise<Labels> {
  const processKeys = [...new Set(wanted.processKeys)];
  const appKeys = [...new Set(wanted.appKeys)];
  const formKeys = [
    ...new Set([...wanted.formKeys].filter((key): key is string => !!key).map((key) => key.split('@')[0]!)),
  ];
  const processes = new Map<string, Label>();
  if (processKeys.length) {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (process_key) process_key, name, xml FROM process_definition WHERE process_key = ANY($1::text[]) ORDER BY process_key, version DESC`,
      [processKeys],
    )) as { process_key: string; name: string | null; xml: string }[];
    for (const row of rows) processes.set(row.process_key, processTitle(row.process_key, row.name, row.xml));
  }
  const roles = new Map<string, Label>();
  if (appKeys.length) {
    const rows = (await manager.query(`SELECT key, manifest -> 'roles' AS roles FROM app WHERE key = ANY($1::text[])`, [
      appKeys,
    ])) as { key: string; roles: { key: string; name: unknown }[] | null }[];
    for (const row of rows)
      for (const role of row.roles ?? []) roles.set(`${row.key}:${role.key}`, label(role.name, role.key));
  }
  // A role an app does not declare may be declared by another installed app (a shared role).
  const anyApp = new Map<string, Label>();
  if (appKeys.length) {
    const rows = (await manager.query(
      `SELECT role ->> 'key' AS key, role -> 'name' AS name FROM app, jsonb_array_elements(coalesce(manifest -> 'roles', '[]'::jsonb)) AS role`,
    )) as { key: string; name: unknown }[];
    for (const row of rows) if (!anyApp.has(row.key)) anyApp.set(row.key, label(row.name, row.key));
  }
  const forms = new Map<string, Label>();
  if (formKeys.length) {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (form_key) form_key, definition -> 'title' AS title FROM form_definition WHERE form_key = ANY($1::text[]) ORDER BY form_key, version DESC`,
      [formKeys],
    )) as { form_key: string; title: unknown }[];
    for (const row of rows) forms.set(row.form_key, label(row.title, row.form_key));
  }
  return {
    process: (key) => processes.get(key) ?? { 'zh-CN': key, en: key },
    role: (appKey, role) => roles.get(`${appKey}:${role}`) ?? anyApp.get(role) ?? { 'zh-CN': role, en: role },
    form: (formKey) => {
      if (!formKey) return null;
      const key = formKey.split('@')[0]!;
      return forms.get(key) ?? { 'zh-CN': key, en: key };
    },
  };
}

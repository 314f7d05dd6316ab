import type { LocalizedText } from '@tessera/rules';
import { entryKey, type FieldDefinition, type FieldType, type FormDefinition, type LayoutSection, type LayoutTab, type SectionEntry } from '../form-model/form-definition';
import { catalogueEntry } from './field-catalogue';

/** Where a field sits: directly in a layout section, or in the row of a subform. */
export type FieldContainer = { section: string } | { subform: string };

export type DesignerAction =
  | { type: 'addField'; fieldType: FieldType; to: FieldContainer; index?: number; key?: string }
  | { type: 'moveField'; key: string; to: FieldContainer; index: number }
  | { type: 'removeField'; key: string }
  | { type: 'updateField'; key: string; patch: Partial<Omit<FieldDefinition, 'key' | 'type'>> }
  | { type: 'renameField'; key: string; newKey: string }
  | { type: 'setFieldSpan'; key: string; span: number | undefined }
  | { type: 'addSection'; tab?: string; key?: string }
  | { type: 'addTab'; key?: string }
  | { type: 'updateSection'; key: string; patch: Partial<Pick<LayoutSection, 'title' | 'columns' | 'collapsible'>> }
  | { type: 'updateTab'; key: string; patch: Partial<Pick<LayoutTab, 'title'>> }
  | { type: 'moveSection'; key: string; index: number }
  | { type: 'removeSection'; key: string }
  | { type: 'removeTab'; key: string }
  | { type: 'updateForm'; patch: Partial<Pick<FormDefinition, 'key' | 'title' | 'description'>> };

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Every field of the form, subform rows included, with the key of the subform holding it. */
export function allFields(form: FormDefinition): Array<{ field: FieldDefinition; parent: string | null }> {
  const found: Array<{ field: FieldDefinition; parent: string | null }> = [];
  const walk = (fields: FieldDefinition[], parent: string | null) => {
    for (const field of fields) {
      found.push({ field, parent });
      if (field.type === 'subform') walk(field.fields ?? [], field.key);
    }
  };
  walk(form.fields, null);
  return found;
}

export function findField(form: FormDefinition, key: string): FieldDefinition | undefined {
  return allFields(form).find((entry) => entry.field.key === key)?.field;
}

/** Every layout section in page order: the form's own sections, then each tab's. */
export function sectionsOf(form: FormDefinition): Array<LayoutSection & { tab: string | null }> {
  return [
    ...(form.layout?.sections ?? []).map((section) => ({ ...section, tab: null })),
    ...(form.layout?.tabs ?? []).flatMap((tab) => tab.sections.map((section) => ({ ...section, tab: tab.key }))),
  ];
}

/** Why a key cannot be given to a field, or null when it can. */
export function fieldKeyProblem(form: FormDefinition, key: string, newKey: string): LocalizedText | null {
  if (!KEY_PATTERN.test(newKey)) {
    return { 'zh-CN': '字段标识须以字母开头，只含字母、数字和下划线', en: 'A field key starts with a letter and holds only letters, digits and underscores' };
  }
  if (newKey !== key && findField(form, newKey)) return { 'zh-CN': `字段标识“${newKey}”已被使用`, en: `The field key "${newKey}" is already used` };
  return null;
}

function uniqueName(taken: Iterable<string>, stem: string): string {
  const used = new Set(taken);
  for (let index = 1; ; index += 1) if (!used.has(`${stem}${index}`)) return `${stem}${index}`;
}

function layoutKeys(form: FormDefinition): string[] {
  return [...sectionsOf(form).map((section) => section.key), ...(form.layout?.tabs ?? []).map((tab) => tab.key)];
}

/** A form with no fields and one section, where a designer starts. */
export function emptyForm(key = 'newForm', title: LocalizedText = { 'zh-CN': '新建表单', en: 'New form' }): FormDefinition {
  return {
    key,
    version: 1,
    title,
    fields: [],
    layout: { columns: 2, sections: [{ key: 'section1', title: { 'zh-CN': '基本信息', en: 'Basic information' }, fields: [] }] },
  };
}

/**
 * Brings any definition into the shape the designer edits: every top-level field in exactly one
 * section. Fields no section lists go to the last section (a new one when there is none).
 */
export function normalizeForDesigner(form: FormDefinition): FormDefinition {
  const topKeys = new Set(form.fields.map((field) => field.key));
  const placed = new Set<string>();
  const clean = (section: LayoutSection): LayoutSection => {
    const fields = section.fields.filter((entry) => topKeys.has(entryKey(entry)) && !placed.has(entryKey(entry)));
    fields.forEach((entry) => placed.add(entryKey(entry)));
    return { ...section, fields };
  };
  const layout = {
    ...form.layout,
    sections: (form.layout?.sections ?? []).map(clean),
    tabs: (form.layout?.tabs ?? []).map((tab) => ({ ...tab, sections: tab.sections.map(clean) })),
  };
  if (layout.tabs.length === 0) delete (layout as { tabs?: unknown }).tabs;
  const normalized: FormDefinition = { ...form, layout };
  const unplaced = form.fields.map((field) => field.key).filter((key) => !placed.has(key));
  if (sectionsOf(normalized).length === 0) layout.sections.push({ key: uniqueName(layoutKeys(normalized), 'section'), title: { 'zh-CN': '基本信息', en: 'Basic information' }, fields: [] });
  if (unplaced.length === 0) return normalized;
  const last = sectionsOf(normalized).at(-1)!;
  return mapSections(normalized, (section) => (section.key === last.key ? { ...section, fields: [...section.fields, ...unplaced] } : section));
}

function mapSections(form: FormDefinition, change: (section: LayoutSection) => LayoutSection | null): FormDefinition {
  const apply = (sections: LayoutSection[]) => sections.map(change).filter((section): section is LayoutSection => section !== null);
  const layout = { ...form.layout, sections: apply(form.layout?.sections ?? []) };
  if (form.layout?.tabs) Object.assign(layout, { tabs: form.layout.tabs.map((tab) => ({ ...tab, sections: apply(tab.sections) })) });
  return withPageOrder({ ...form, layout });
}

/** Top-level fields follow the layout, so the definition reads like the form. */
function withPageOrder(form: FormDefinition): FormDefinition {
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  const ordered = sectionsOf(form).flatMap((section) => section.fields.map((entry) => byKey.get(entryKey(entry))).filter((field): field is FieldDefinition => !!field));
  const listed = new Set(ordered.map((field) => field.key));
  return { ...form, fields: [...ordered, ...form.fields.filter((field) => !listed.has(field.key))] };
}

function mapFields(fields: FieldDefinition[], change: (field: FieldDefinition) => FieldDefinition | null): FieldDefinition[] {
  const result: FieldDefinition[] = [];
  for (const field of fields) {
    const changed = change(field);
    if (!changed) continue;
    result.push(changed.type === 'subform' && changed.fields ? { ...changed, fields: mapFields(changed.fields, change) } : changed);
  }
  return result;
}

function withoutField(form: FormDefinition, key: string): FormDefinition {
  const pruned = { ...form, fields: mapFields(form.fields, (field) => (field.key === key ? null : field)) };
  return mapSections(pruned, (section) => ({ ...section, fields: section.fields.filter((entry) => entryKey(entry) !== key) }));
}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || index < 0 || index > length) return length;
  return index;
}

function insertField(form: FormDefinition, field: FieldDefinition, to: FieldContainer, index: number | undefined, entry: SectionEntry = field.key): FormDefinition {
  if ('section' in to) {
    if (!sectionsOf(form).some((section) => section.key === to.section)) return form;
    const withField = { ...form, fields: [...form.fields, field] };
    return mapSections(withField, (section) => {
      if (section.key !== to.section) return section;
      const entries = [...section.fields];
      entries.splice(clampIndex(index, entries.length), 0, entry);
      return { ...section, fields: entries };
    });
  }
  const subform = findField(form, to.subform);
  if (!subform || subform.type !== 'subform' || field.type === 'subform') return form;
  return {
    ...form,
    fields: mapFields(form.fields, (candidate) => {
      if (candidate.key !== to.subform) return candidate;
      const rows = [...(candidate.fields ?? [])];
      rows.splice(clampIndex(index, rows.length), 0, field);
      return { ...candidate, fields: rows };
    }),
  };
}

/** The keys in a container, in order, as the person sees them. */
export function containerKeys(form: FormDefinition, container: FieldContainer): string[] {
  if ('section' in container) return sectionsOf(form).find((section) => section.key === container.section)?.fields.map(entryKey) ?? [];
  return findField(form, container.subform)?.fields?.map((field) => field.key) ?? [];
}

function sectionEntryOf(form: FormDefinition, key: string): SectionEntry {
  for (const section of sectionsOf(form)) for (const entry of section.fields) if (entryKey(entry) === key) return entry;
  return key;
}

/** Applies one designer action; an action that cannot apply (unknown key, bad target) changes nothing. */
export function applyDesignerAction(form: FormDefinition, action: DesignerAction): FormDefinition {
  switch (action.type) {
    case 'addField': {
      const entry = catalogueEntry(action.fieldType);
      const taken = allFields(form).map((candidate) => candidate.field.key);
      const key = action.key && !taken.includes(action.key) ? action.key : uniqueName(taken, action.fieldType);
      const field: FieldDefinition = { key, type: action.fieldType, label: { ...entry.label }, ...structuredClone(entry.defaults ?? {}) };
      return insertField(form, field, action.to, action.index);
    }
    case 'moveField': {
      const field = findField(form, action.key);
      if (!field) return form;
      if ('subform' in action.to && (field.type === 'subform' || !findField(form, action.to.subform))) return form;
      // The index is a position in the target as the person sees it, with the field still in place.
      const current = containerKeys(form, action.to).indexOf(action.key);
      const index = current >= 0 && current < action.index ? action.index - 1 : action.index;
      // A field keeps its column span when it moves between sections.
      const entry = 'section' in action.to ? sectionEntryOf(form, action.key) : action.key;
      return insertField(withoutField(form, action.key), field, action.to, index, entry);
    }
    case 'removeField':
      return findField(form, action.key) ? withoutField(form, action.key) : form;
    case 'updateField': {
      if (!findField(form, action.key)) return form;
      return { ...form, fields: mapFields(form.fields, (field) => (field.key === action.key ? dropUndefined({ ...field, ...action.patch }) : field)) };
    }
    case 'renameField': {
      if (action.key === action.newKey || !findField(form, action.key) || fieldKeyProblem(form, action.key, action.newKey)) return form;
      const renamed = { ...form, fields: mapFields(form.fields, (field) => (field.key === action.key ? { ...field, key: action.newKey } : field)) };
      return mapSections(renamed, (section) => ({
        ...section,
        fields: section.fields.map((entry) => (entryKey(entry) !== action.key ? entry : typeof entry === 'string' ? action.newKey : { ...entry, field: action.newKey })),
      }));
    }
    case 'setFieldSpan':
      return mapSections(form, (section) => ({
        ...section,
        fields: section.fields.map((entry) => (entryKey(entry) !== action.key ? entry : action.span && action.span > 1 ? { field: action.key, span: action.span } : action.key)),
      }));
    case 'addSection': {
      const key = action.key && !layoutKeys(form).includes(action.key) ? action.key : uniqueName(layoutKeys(form), 'section');
      const number = sectionsOf(form).length + 1;
      const section: LayoutSection = { key, title: { 'zh-CN': `分组 ${number}`, en: `Section ${number}` }, fields: [] };
      if (action.tab) {
        if (!form.layout?.tabs?.some((tab) => tab.key === action.tab)) return form;
        return { ...form, layout: { ...form.layout, tabs: form.layout.tabs.map((tab) => (tab.key === action.tab ? { ...tab, sections: [...tab.sections, section] } : tab)) } };
      }
      return { ...form, layout: { ...form.layout, sections: [...(form.layout?.sections ?? []), section] } };
    }
    case 'addTab': {
      const tabKey = action.key && !layoutKeys(form).includes(action.key) ? action.key : uniqueName(layoutKeys(form), 'tab');
      const number = (form.layout?.tabs?.length ?? 0) + 1;
      const sectionKey = uniqueName([...layoutKeys(form), tabKey], 'section');
      const tab: LayoutTab = {
        key: tabKey,
        title: { 'zh-CN': `标签页 ${number}`, en: `Tab ${number}` },
        sections: [{ key: sectionKey, fields: [] }],
      };
      return { ...form, layout: { ...form.layout, tabs: [...(form.layout?.tabs ?? []), tab] } };
    }
    case 'updateSection':
      return mapSections(form, (section) => (section.key === action.key ? dropUndefined({ ...section, ...action.patch }) : section));
    case 'updateTab':
      return { ...form, layout: { ...form.layout, tabs: (form.layout?.tabs ?? []).map((tab) => (tab.key === action.key ? { ...tab, ...action.patch } : tab)) } };
    case 'moveSection': {
      const moveWithin = (sections: LayoutSection[]) => {
        const from = sections.findIndex((section) => section.key === action.key);
        if (from < 0) return sections;
        const next = [...sections];
        const [moved] = next.splice(from, 1);
        next.splice(Math.max(0, Math.min(action.index, next.length)), 0, moved!);
        return next;
      };
      const layout = { ...form.layout, sections: moveWithin(form.layout?.sections ?? []) };
      if (form.layout?.tabs) Object.assign(layout, { tabs: form.layout.tabs.map((tab) => ({ ...tab, sections: moveWithin(tab.sections) })) });
      return withPageOrder({ ...form, layout });
    }
    case 'removeSection': {
      const section = sectionsOf(form).find((candidate) => candidate.key === action.key);
      // The last section stays: fields need somewhere to be dropped.
      if (!section || sectionsOf(form).length === 1) return form;
      const removed = new Set(section.fields.map(entryKey));
      return mapSections({ ...form, fields: form.fields.filter((field) => !removed.has(field.key)) }, (candidate) => (candidate.key === action.key ? null : candidate));
    }
    case 'removeTab': {
      const tab = form.layout?.tabs?.find((candidate) => candidate.key === action.key);
      if (!tab || sectionsOf(form).length === tab.sections.length) return form;
      const removed = new Set(tab.sections.flatMap((section) => section.fields.map(entryKey)));
      const tabs = form.layout!.tabs!.filter((candidate) => candidate.key !== action.key);
      const layout = { ...form.layout, tabs };
      if (tabs.length === 0) delete (layout as { tabs?: unknown }).tabs;
      return { ...form, fields: form.fields.filter((field) => !removed.has(field.key)), layout };
    }
    case 'updateForm':
      return dropUndefined({ ...form, ...action.patch });
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

import type { LocalizedText } from '@tessera/rules';
import type { FieldDefinition, FieldType, FormDefinition, FormSection } from '../form-model/form-definition';
import { catalogueEntry } from './field-catalogue';

/** Where a field sits: directly in a section of the form, or in the row of a subform. */
export type FieldContainer = { section: string } | { subform: string };

export type DesignerAction =
  | { type: 'addField'; fieldType: FieldType; to: FieldContainer; index?: number; key?: string }
  | { type: 'moveField'; key: string; to: FieldContainer; index: number }
  | { type: 'removeField'; key: string }
  | { type: 'updateField'; key: string; patch: Partial<Omit<FieldDefinition, 'key' | 'type'>> }
  | { type: 'renameField'; key: string; newKey: string }
  | { type: 'addSection'; kind: FormSection['kind']; id?: string }
  | { type: 'updateSection'; id: string; patch: Partial<Omit<FormSection, 'id' | 'fields'>> }
  | { type: 'moveSection'; id: string; index: number }
  | { type: 'removeSection'; id: string }
  | { type: 'updateForm'; patch: Partial<Pick<FormDefinition, 'key' | 'name' | 'description'>> };

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

/** Why a key cannot be given to a field, or null when it can. */
export function fieldKeyProblem(form: FormDefinition, key: string, newKey: string): LocalizedText | null {
  if (!KEY_PATTERN.test(newKey)) {
    return { 'zh-CN': '字段标识须以字母开头，只含字母、数字和下划线', en: 'A field key starts with a letter and holds only letters, digits and underscores' };
  }
  if (newKey !== key && findField(form, newKey)) return { 'zh-CN': `字段标识“${newKey}”已被使用`, en: `The field key "${newKey}" is already used` };
  return null;
}

function uniqueKey(form: FormDefinition, stem: string): string {
  const taken = new Set(allFields(form).map((entry) => entry.field.key));
  for (let index = 1; ; index += 1) if (!taken.has(`${stem}${index}`)) return `${stem}${index}`;
}

function uniqueSectionId(form: FormDefinition): string {
  const taken = new Set(sectionsOf(form).map((section) => section.id));
  for (let index = 1; ; index += 1) if (!taken.has(`section${index}`)) return `section${index}`;
}

export function sectionsOf(form: FormDefinition): FormSection[] {
  return form.layout?.sections ?? [];
}

/** A form with no fields and one section, where a designer starts. */
export function emptyForm(key = 'newForm', name: LocalizedText = { 'zh-CN': '新建表单', en: 'New form' }): FormDefinition {
  return {
    key,
    name,
    fields: [],
    layout: { sections: [{ id: 'section1', kind: 'section', title: { 'zh-CN': '基本信息', en: 'Basic information' }, columns: 2, fields: [] }] },
  };
}

/**
 * Brings any definition into the shape the designer edits: every top-level field in exactly one
 * section. Fields no section lists go to the last section (a new one when there is none).
 */
export function normalizeForDesigner(form: FormDefinition): FormDefinition {
  const topKeys = new Set(form.fields.map((field) => field.key));
  const placed = new Set<string>();
  const sections = sectionsOf(form).map((section) => {
    const fields = section.fields.filter((key) => topKeys.has(key) && !placed.has(key));
    fields.forEach((key) => placed.add(key));
    return { ...section, fields };
  });
  const unplaced = form.fields.map((field) => field.key).filter((key) => !placed.has(key));
  if (sections.length === 0) sections.push({ ...emptyForm().layout!.sections[0]!, fields: [] });
  if (unplaced.length > 0) {
    const last = sections[sections.length - 1]!;
    sections[sections.length - 1] = { ...last, fields: [...last.fields, ...unplaced] };
  }
  return { ...form, layout: { ...form.layout, sections } };
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
  return {
    ...form,
    fields: mapFields(form.fields, (field) => (field.key === key ? null : field)),
    layout: { ...form.layout, sections: sectionsOf(form).map((section) => ({ ...section, fields: section.fields.filter((candidate) => candidate !== key) })) },
  };
}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || index < 0 || index > length) return length;
  return index;
}

/** Whether `key` is `ancestor` or sits somewhere inside it (a subform cannot be moved into itself). */
function isInside(form: FormDefinition, key: string, ancestor: string): boolean {
  if (key === ancestor) return true;
  const parentOf = new Map(allFields(form).map((entry) => [entry.field.key, entry.parent]));
  for (let current = parentOf.get(key); current; current = parentOf.get(current)) if (current === ancestor) return true;
  return false;
}

function insertField(form: FormDefinition, field: FieldDefinition, to: FieldContainer, index: number | undefined): FormDefinition {
  if ('section' in to) {
    const section = sectionsOf(form).find((candidate) => candidate.id === to.section);
    if (!section) return form;
    const keys = [...section.fields];
    keys.splice(clampIndex(index, keys.length), 0, field.key);
    // Top-level order follows the sections, so the definition reads like the form.
    const sections = sectionsOf(form).map((candidate) => (candidate.id === section.id ? { ...candidate, fields: keys } : candidate));
    const byKey = new Map([...form.fields, field].map((candidate) => [candidate.key, candidate]));
    return { ...form, fields: sections.flatMap((candidate) => candidate.fields.map((key) => byKey.get(key)!)), layout: { ...form.layout, sections } };
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

function renameInSections(sections: FormSection[], key: string, newKey: string): FormSection[] {
  return sections.map((section) => ({ ...section, fields: section.fields.map((candidate) => (candidate === key ? newKey : candidate)) }));
}

/** Applies one designer action; an action that cannot apply (unknown key, bad target) changes nothing. */
export function applyDesignerAction(form: FormDefinition, action: DesignerAction): FormDefinition {
  switch (action.type) {
    case 'addField': {
      const entry = catalogueEntry(action.fieldType);
      const key = action.key && !findField(form, action.key) ? action.key : uniqueKey(form, action.fieldType);
      const field: FieldDefinition = { key, type: action.fieldType, label: { ...entry.label }, ...structuredClone(entry.defaults ?? {}) };
      return insertField(form, field, action.to, action.index);
    }
    case 'moveField': {
      const field = findField(form, action.key);
      if (!field) return form;
      if ('subform' in action.to && (field.type === 'subform' || isInside(form, action.to.subform, action.key))) return form;
      // The index is a position in the target as the person sees it, with the field still in place.
      let index = action.index;
      const source = 'section' in action.to ? sectionsOf(form).find((section) => section.id === (action.to as { section: string }).section)?.fields : findField(form, action.to.subform)?.fields?.map((row) => row.key);
      const current = source?.indexOf(action.key) ?? -1;
      if (current >= 0 && current < index) index -= 1;
      return insertField(withoutField(form, action.key), field, action.to, index);
    }
    case 'removeField':
      return findField(form, action.key) ? withoutField(form, action.key) : form;
    case 'updateField': {
      if (!findField(form, action.key)) return form;
      return { ...form, fields: mapFields(form.fields, (field) => (field.key === action.key ? dropUndefined({ ...field, ...action.patch }) : field)) };
    }
    case 'renameField': {
      if (action.key === action.newKey || !findField(form, action.key) || fieldKeyProblem(form, action.key, action.newKey)) return form;
      return {
        ...form,
        fields: mapFields(form.fields, (field) => (field.key === action.key ? { ...field, key: action.newKey } : field)),
        layout: { ...form.layout, sections: renameInSections(sectionsOf(form), action.key, action.newKey) },
      };
    }
    case 'addSection': {
      const id = action.id && !sectionsOf(form).some((section) => section.id === action.id) ? action.id : uniqueSectionId(form);
      const number = sectionsOf(form).length + 1;
      const title: LocalizedText = action.kind === 'tab' ? { 'zh-CN': `标签页 ${number}`, en: `Tab ${number}` } : { 'zh-CN': `分组 ${number}`, en: `Section ${number}` };
      return { ...form, layout: { ...form.layout, sections: [...sectionsOf(form), { id, kind: action.kind, title, columns: 2, fields: [] }] } };
    }
    case 'updateSection':
      return { ...form, layout: { ...form.layout, sections: sectionsOf(form).map((section) => (section.id === action.id ? { ...section, ...action.patch } : section)) } };
    case 'moveSection': {
      const sections = [...sectionsOf(form)];
      const from = sections.findIndex((section) => section.id === action.id);
      if (from < 0) return form;
      const [moved] = sections.splice(from, 1);
      sections.splice(Math.max(0, Math.min(action.index, sections.length)), 0, moved!);
      const byKey = new Map(form.fields.map((field) => [field.key, field]));
      return { ...form, fields: sections.flatMap((section) => section.fields.map((key) => byKey.get(key)!)), layout: { ...form.layout, sections } };
    }
    case 'removeSection': {
      const section = sectionsOf(form).find((candidate) => candidate.id === action.id);
      if (!section || sectionsOf(form).length === 1) return form;
      const removed = new Set(section.fields);
      return {
        ...form,
        fields: form.fields.filter((field) => !removed.has(field.key)),
        layout: { ...form.layout, sections: sectionsOf(form).filter((candidate) => candidate.id !== action.id) },
      };
    }
    case 'updateForm':
      return dropUndefined({ ...form, ...action.patch });
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

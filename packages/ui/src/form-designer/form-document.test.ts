import type { FormDefinition } from '../form-model/form-definition';
import { applyDesignerAction, emptyForm, fieldKeyProblem, findField, normalizeForDesigner, sectionsOf, type DesignerAction } from './form-document';

function apply(form: FormDefinition, ...actions: DesignerAction[]): FormDefinition {
  return actions.reduce(applyDesignerAction, form);
}

const keysOf = (form: FormDefinition) => form.fields.map((field) => field.key);
const sectionKeys = (form: FormDefinition) => sectionsOf(form).map((section) => section.fields.map((entry) => (typeof entry === 'string' ? entry : entry.field)));

describe('the form designer document', () => {
  it('adds a dropped field with a fresh key, the type’s label and defaults, at the drop position', () => {
    const form = apply(
      emptyForm(),
      { type: 'addField', fieldType: 'text', to: { section: 'section1' } },
      { type: 'addField', fieldType: 'money', to: { section: 'section1' }, index: 0 },
      { type: 'addField', fieldType: 'text', to: { section: 'section1' } },
    );
    expect(sectionKeys(form)).toEqual([['money1', 'text1', 'text2']]);
    expect(keysOf(form)).toEqual(['money1', 'text1', 'text2']);
    expect(findField(form, 'money1')).toEqual({ key: 'money1', type: 'money', label: { 'zh-CN': '金额', en: 'Amount' }, currency: 'CNY', precision: 2 });
  });

  it('gives each new choice field its own copy of the default options', () => {
    const form = apply(emptyForm(), { type: 'addField', fieldType: 'select', to: { section: 'section1' } }, { type: 'addField', fieldType: 'select', to: { section: 'section1' } });
    expect(findField(form, 'select1')!.options).not.toBe(findField(form, 'select2')!.options);
  });

  it('reorders a field within its section, counting the drop position as seen before the move', () => {
    const start = apply(
      emptyForm(),
      { type: 'addField', fieldType: 'text', to: { section: 'section1' } },
      { type: 'addField', fieldType: 'number', to: { section: 'section1' } },
      { type: 'addField', fieldType: 'date', to: { section: 'section1' } },
    );
    expect(sectionKeys(apply(start, { type: 'moveField', key: 'text1', to: { section: 'section1' }, index: 3 }))).toEqual([['number1', 'date1', 'text1']]);
    expect(sectionKeys(apply(start, { type: 'moveField', key: 'date1', to: { section: 'section1' }, index: 0 }))).toEqual([['date1', 'text1', 'number1']]);
  });

  it('moves fields between sections and keeps the field list in page order', () => {
    const form = apply(
      emptyForm(),
      { type: 'addSection' },
      { type: 'addField', fieldType: 'text', to: { section: 'section2' } },
      { type: 'addField', fieldType: 'number', to: { section: 'section1' } },
      { type: 'moveField', key: 'text1', to: { section: 'section1' }, index: 0 },
    );
    expect(sectionKeys(form)).toEqual([['text1', 'number1'], []]);
    expect(keysOf(form)).toEqual(['text1', 'number1']);
  });

  it('nests fields in a subform and moves them out again', () => {
    let form = apply(emptyForm(), { type: 'addField', fieldType: 'subform', to: { section: 'section1' } }, { type: 'addField', fieldType: 'text', to: { section: 'section1' } });
    form = apply(form, { type: 'moveField', key: 'text1', to: { subform: 'subform1' }, index: 0 }, { type: 'addField', fieldType: 'money', to: { subform: 'subform1' } });
    expect(findField(form, 'subform1')!.fields!.map((field) => field.key)).toEqual(['text1', 'money1']);
    expect(sectionKeys(form)).toEqual([['subform1']]);
    form = apply(form, { type: 'moveField', key: 'money1', to: { section: 'section1' }, index: 0 });
    expect(sectionKeys(form)).toEqual([['money1', 'subform1']]);
    expect(findField(form, 'subform1')!.fields!.map((field) => field.key)).toEqual(['text1']);
  });

  it('refuses to put a subform inside a subform', () => {
    const form = apply(emptyForm(), { type: 'addField', fieldType: 'subform', to: { section: 'section1' } }, { type: 'addField', fieldType: 'subform', to: { section: 'section1' } });
    expect(apply(form, { type: 'moveField', key: 'subform2', to: { subform: 'subform1' }, index: 0 })).toBe(form);
    expect(apply(form, { type: 'addField', fieldType: 'subform', to: { subform: 'subform1' } })).toBe(form);
  });

  it('removes a field wherever it sits', () => {
    let form = apply(emptyForm(), { type: 'addField', fieldType: 'subform', to: { section: 'section1' } }, { type: 'addField', fieldType: 'text', to: { subform: 'subform1' } });
    form = apply(form, { type: 'removeField', key: 'text1' });
    expect(findField(form, 'subform1')!.fields).toEqual([]);
    form = apply(form, { type: 'removeField', key: 'subform1' });
    expect(form.fields).toEqual([]);
    expect(sectionKeys(form)).toEqual([[]]);
  });

  it('updates properties and drops the ones set to undefined', () => {
    let form = apply(emptyForm(), { type: 'addField', fieldType: 'text', to: { section: 'section1' } });
    form = apply(form, { type: 'updateField', key: 'text1', patch: { label: { 'zh-CN': '客户姓名', en: 'Customer name' }, required: true, maxLength: 30 } });
    expect(findField(form, 'text1')).toMatchObject({ label: { 'zh-CN': '客户姓名', en: 'Customer name' }, required: true, maxLength: 30 });
    form = apply(form, { type: 'updateField', key: 'text1', patch: { maxLength: undefined } });
    expect(findField(form, 'text1')).not.toHaveProperty('maxLength');
  });

  it('renames a field everywhere, and refuses keys that are taken or malformed', () => {
    let form = apply(emptyForm(), { type: 'addField', fieldType: 'text', to: { section: 'section1' } }, { type: 'addField', fieldType: 'number', to: { section: 'section1' } });
    expect(fieldKeyProblem(form, 'text1', 'number1')?.en).toBe('The field key "number1" is already used');
    expect(fieldKeyProblem(form, 'text1', '1name')?.['zh-CN']).toContain('须以字母开头');
    expect(fieldKeyProblem(form, 'text1', 'customerName')).toBeNull();
    expect(apply(form, { type: 'renameField', key: 'text1', newKey: 'number1' })).toBe(form);
    form = apply(form, { type: 'renameField', key: 'text1', newKey: 'customerName' });
    expect(sectionKeys(form)).toEqual([['customerName', 'number1']]);
    expect(findField(form, 'customerName')?.type).toBe('text');
  });

  it('adds, retitles, moves and removes sections, removing a section’s fields with it but never the last section', () => {
    let form = apply(emptyForm(), { type: 'addSection' }, { type: 'addField', fieldType: 'text', to: { section: 'section2' } }, { type: 'addField', fieldType: 'date', to: { section: 'section1' } });
    expect(sectionsOf(form)[1]).toMatchObject({ key: 'section2', title: { 'zh-CN': '分组 2', en: 'Section 2' }, tab: null });
    form = apply(form, { type: 'updateSection', key: 'section2', patch: { columns: 3, title: { 'zh-CN': '担保信息', en: 'Guarantee' } } });
    form = apply(form, { type: 'moveSection', key: 'section2', index: 0 });
    expect(sectionsOf(form).map((section) => [section.key, section.columns])).toEqual([['section2', 3], ['section1', undefined]]);
    expect(keysOf(form)).toEqual(['text1', 'date1']);
    form = apply(form, { type: 'removeSection', key: 'section2' });
    expect(keysOf(form)).toEqual(['date1']);
    expect(apply(form, { type: 'removeSection', key: 'section1' })).toBe(form);
  });

  it('adds tabs with a first section each, and lays their fields out after the form’s own sections', () => {
    let form = apply(emptyForm(), { type: 'addTab' }, { type: 'addField', fieldType: 'text', to: { section: 'section2' } }, { type: 'addField', fieldType: 'date', to: { section: 'section1' } });
    expect(form.layout!.tabs).toEqual([{ key: 'tab1', title: { 'zh-CN': '标签页 1', en: 'Tab 1' }, sections: [{ key: 'section2', fields: ['text1'] }] }]);
    expect(keysOf(form)).toEqual(['date1', 'text1']);
    form = apply(form, { type: 'addSection', tab: 'tab1' }, { type: 'updateTab', key: 'tab1', patch: { title: { 'zh-CN': '财务', en: 'Finance' } } });
    expect(sectionsOf(form).map((section) => [section.key, section.tab])).toEqual([['section1', null], ['section2', 'tab1'], ['section3', 'tab1']]);
    form = apply(form, { type: 'removeTab', key: 'tab1' });
    expect(form.layout!.tabs).toBeUndefined();
    expect(keysOf(form)).toEqual(['date1']);
  });

  it('keeps a field’s column span when it moves to another section', () => {
    let form: FormDefinition = {
      ...emptyForm(),
      fields: [{ key: 'remark', type: 'textarea', label: { 'zh-CN': '备注', en: 'Remark' } }],
      layout: { sections: [{ key: 'a', fields: [{ field: 'remark', span: 2 }] }, { key: 'b', fields: [] }] },
    };
    form = apply(form, { type: 'moveField', key: 'remark', to: { section: 'b' }, index: 0 });
    expect(form.layout!.sections![1]!.fields).toEqual([{ field: 'remark', span: 2 }]);
    form = apply(form, { type: 'renameField', key: 'remark', newKey: 'note' });
    expect(form.layout!.sections![1]!.fields).toEqual([{ field: 'note', span: 2 }]);
    form = apply(form, { type: 'setFieldSpan', key: 'note', span: 1 });
    expect(form.layout!.sections![1]!.fields).toEqual(['note']);
    form = apply(form, { type: 'setFieldSpan', key: 'note', span: 3 });
    expect(form.layout!.sections![1]!.fields).toEqual([{ field: 'note', span: 3 }]);
  });

  it('puts the fields of an imported definition without a layout into a section', () => {
    const imported: FormDefinition = {
      key: 'customer',
      version: 3,
      title: { 'zh-CN': '客户', en: 'Customer' },
      fields: [
        { key: 'name', type: 'text', label: { 'zh-CN': '姓名', en: 'Name' } },
        { key: 'mobile', type: 'mobile', label: { 'zh-CN': '手机', en: 'Mobile' } },
      ],
      layout: { sections: [{ key: 'main', title: { 'zh-CN': '主要', en: 'Main' }, columns: 1, fields: ['mobile', 'ghost'] }] },
    };
    expect(sectionKeys(normalizeForDesigner(imported))).toEqual([['mobile', 'name']]);
    expect(sectionKeys(normalizeForDesigner({ ...imported, layout: undefined }))).toEqual([['name', 'mobile']]);
  });
});

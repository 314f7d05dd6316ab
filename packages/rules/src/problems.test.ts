import { DefinitionError, localize } from './problems';

describe('DefinitionError', () => {
  it('lists every problem with where it is and its code', () => {
    const error = new DefinitionError([
      { code: 'field.duplicate', path: 'fields[2].key', message: { 'zh-CN': '字段键重复', en: 'duplicate field key' } },
      { code: 'bpmn.unsupported', elementId: 'Task_1', message: { 'zh-CN': '不支持的元素', en: 'unsupported element' } },
    ]);
    expect(error.message).toBe(
      '2 problems:\n- fields[2].key: duplicate field key [field.duplicate]\n- Task_1: unsupported element [bpmn.unsupported]',
    );
    expect(error.code).toBe('field.duplicate');
    expect(error).toBeInstanceOf(Error);
  });

  it('localizes messages, zh-CN by default', () => {
    const text = { 'zh-CN': '必填', en: 'required' };
    expect(localize(text)).toBe('必填');
    expect(localize(text, 'en')).toBe('required');
  });
});

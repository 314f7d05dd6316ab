import { DefinitionError } from './index';

describe('@tessera/forms', () => {
  it('reports definition problems with the shared DefinitionError', () => {
    const error = new DefinitionError([{ code: 'x', path: 'a', message: { 'zh-CN': '错误', en: 'wrong' } }]);
    expect(error.problems[0]!.path).toBe('a');
  });
});

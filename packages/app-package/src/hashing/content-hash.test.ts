import { canonicalJson, hashJson, hashText } from './content-hash';

describe('content hashes', () => {
  it('ignore key order and formatting of JSON artifacts', () => {
    const a = JSON.parse('{ "key": "customer", "fields": [ { "key": "name", "type": "text" } ] }');
    const b = JSON.parse('{"fields":[{"type":"text","key":"name"}],\n\n"key":"customer"}');
    expect(hashJson(a)).toBe(hashJson(b));
    expect(canonicalJson(b)).toBe('{"fields":[{"key":"name","type":"text"}],"key":"customer"}');
  });

  it('change when a value changes, including array order', () => {
    expect(hashJson({ a: [1, 2] })).not.toBe(hashJson({ a: [2, 1] }));
    expect(hashJson({ a: '1' })).not.toBe(hashJson({ a: 1 }));
  });

  it('treat CRLF and LF line endings of BPMN text alike', () => {
    expect(hashText('<a>\r\n</a>')).toBe(hashText('<a>\n</a>'));
    expect(hashText('<a/>')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

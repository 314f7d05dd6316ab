import { loadColumnChoice, saveColumnChoice } from './column-choice';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the chosen columns of a record list', () => {
  it('are kept per form', () => {
    const storage = memoryStorage();
    saveColumnChoice('complaint', ['customerName', 'severity'], storage);
    expect(loadColumnChoice('complaint', storage)).toEqual(['customerName', 'severity']);
    expect(loadColumnChoice('customer', storage)).toBeNull();
  });

  it('ignore what is not a list of field keys', () => {
    const storage = memoryStorage();
    storage.setItem('tessera.records.columns.complaint', '{"x":1}');
    expect(loadColumnChoice('complaint', storage)).toBeNull();
    storage.setItem('tessera.records.columns.complaint', 'not json');
    expect(loadColumnChoice('complaint', storage)).toBeNull();
  });
});

import { HISTORY_LIMIT, record, redo, startHistory, undo } from './history';

describe('undo and redo history', () => {
  it('undoes and redoes steps in order', () => {
    let history = startHistory('a');
    history = record(history, 'b');
    history = record(history, 'c');
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(undo(history)).toBe(history);
    history = redo(redo(history));
    expect(history.present).toBe('c');
    expect(redo(history)).toBe(history);
  });

  it('forgets the redo steps once something new is done', () => {
    const history = record(undo(record(startHistory(1), 2)), 3);
    expect(history.present).toBe(3);
    expect(history.future).toEqual([]);
    expect(undo(history).present).toBe(1);
  });

  it('folds edits of one group into a single step, and a new group starts a new one', () => {
    let history = startHistory('');
    history = record(history, 'h', 'label:name');
    history = record(history, 'he', 'label:name');
    history = record(history, 'hey', 'label:name');
    history = record(history, 'hey!', 'label:other');
    expect(undo(history).present).toBe('hey');
    expect(undo(undo(history)).present).toBe('');
  });

  it('ignores a step that changes nothing and keeps a bounded past', () => {
    const start = startHistory({ n: 0 });
    expect(record(start, start.present)).toBe(start);
    let history = start;
    for (let n = 1; n <= HISTORY_LIMIT + 20; n += 1) history = record(history, { n });
    expect(history.past).toHaveLength(HISTORY_LIMIT);
  });
});

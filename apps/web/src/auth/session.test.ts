import { loadSession, saveSession, type Session } from './session';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const session: Session = {
  accessToken: 'a',
  refreshToken: 'r',
  user: { id: 'u1', username: 'officer', displayName: '王信贷', roles: ['credit-officer'], departmentId: 'd1' },
};

describe('the stored session', () => {
  it('survives a reload', () => {
    const storage = memoryStorage();
    saveSession(storage, session);
    expect(loadSession(storage)).toEqual(session);
  });

  it('is forgotten on sign-out', () => {
    const storage = memoryStorage();
    saveSession(storage, session);
    saveSession(storage, null);
    expect(loadSession(storage)).toBeNull();
  });

  it('drops a damaged or foreign entry instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem('tessera.session', '{not json');
    expect(loadSession(storage)).toBeNull();
    expect(storage.items.size).toBe(0);
    storage.setItem('tessera.session', JSON.stringify({ accessToken: 'a' }));
    expect(loadSession(storage)).toBeNull();
  });
});

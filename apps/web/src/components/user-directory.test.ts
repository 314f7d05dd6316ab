import { displayNameIn, withSignedInUser, type DirectoryUser } from './user-directory';

const directory: DirectoryUser[] = [
  { id: '2349bba5-0000-4000-8000-000000000001', username: 'credit_officer', displayName: '李强（信贷员）', roles: ['credit_officer'] },
  { id: '2349bba5-0000-4000-8000-000000000002', username: 'legacy', displayName: '', roles: [] },
];

describe('the user directory', () => {
  it('names people by user name and by id', () => {
    expect(displayNameIn(directory, 'credit_officer')).toBe('李强（信贷员）');
    expect(displayNameIn(directory, '2349bba5-0000-4000-8000-000000000001')).toBe('李强（信贷员）');
  });

  it('falls back to the user name, then to the text given, and shows a dash for nobody', () => {
    expect(displayNameIn(directory, 'legacy')).toBe('legacy');
    expect(displayNameIn(directory, 'someone_else')).toBe('someone_else');
    expect(displayNameIn(directory, null)).toBe('—');
    expect(displayNameIn(directory, '')).toBe('—');
  });

  it('adds the signed-in user once, also before the directory has loaded', () => {
    const me = { id: 'u-me', username: 'me', displayName: '王芳' };
    expect(withSignedInUser([], me)).toEqual([me]);
    expect(withSignedInUser(directory, me).map((user) => user.username)).toEqual(['credit_officer', 'legacy', 'me']);
    expect(withSignedInUser(directory, directory[0])).toHaveLength(2);
    expect(withSignedInUser(directory, undefined)).toHaveLength(2);
  });
});

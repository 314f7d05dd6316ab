import { generateUscc } from '../test-data';
import { checkUscc, isUscc } from './uscc';

describe('unified social credit codes', () => {
  it('accepts published codes', () => {
    expect(isUscc('91350100M000100Y43')).toBe(true);
    expect(isUscc('91110000802100433B')).toBe(true);
  });

  it('tells a malformed code from a wrong check character', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual({ valid: false, code: 'uscc.format' });
    expect(checkUscc('91350100M000100Y4I')).toEqual({ valid: false, code: 'uscc.format' });
    expect(checkUscc('91350100m000100Y43')).toEqual({ valid: false, code: 'uscc.format' });
    expect(checkUscc('91350100M000100Y44')).toEqual({ valid: false, code: 'uscc.checksum' });
    expect(checkUscc(null)).toEqual({ valid: false, code: 'uscc.format' });
  });

  it('generates valid codes for many seeds', () => {
    for (let seed = 0; seed < 200; seed += 1) expect(isUscc(generateUscc(seed))).toBe(true);
    expect(generateUscc(3, '93', '310000').startsWith('93310000')).toBe(true);
  });
});

import { generateResidentId } from '../test-data';
import { checkResidentId, isResidentId, parseResidentId } from './resident-id';

describe('resident ID numbers', () => {
  it('accepts the example numbers of GB 11643', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('440524188001010014')).toBe(true);
  });

  it('derives birth date, sex and age at a given moment', () => {
    expect(parseResidentId('11010519491231002X', '2026-11-23T08:00:00Z')).toEqual({
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
      age: 76,
    });
    const id = generateResidentId('1990-11-24', 'male', 7);
    expect(parseResidentId(id, '2026-11-23')?.age).toBe(35);
    expect(parseResidentId(id, '2026-11-24')?.age).toBe(36);
    expect(parseResidentId(id)?.sex).toBe('male');
  });

  it('reads the birthday on the China Standard Time calendar', () => {
    const id = generateResidentId('2000-01-02', 'female', 3);
    // 16:30 UTC on 1 January is already 2 January in Beijing.
    expect(parseResidentId(id, '2026-01-01T16:30:00Z')?.age).toBe(26);
    expect(parseResidentId(id, '2026-01-01T15:30:00Z')?.age).toBe(25);
  });

  it('names what is wrong with a bad number', () => {
    expect(checkResidentId('11010519491231002')).toEqual({ valid: false, code: 'residentId.format' });
    expect(checkResidentId('11010519491231002x')).toEqual({ valid: false, code: 'residentId.format' });
    expect(checkResidentId(110105194912310020)).toEqual({ valid: false, code: 'residentId.format' });
    expect(checkResidentId('99010519491231002X')).toEqual({ valid: false, code: 'residentId.region' });
    expect(checkResidentId('11010519490231002X')).toEqual({ valid: false, code: 'residentId.birthDate' });
    expect(checkResidentId('110105194912310021')).toEqual({ valid: false, code: 'residentId.checksum' });
  });

  it('rejects a birth date after now', () => {
    const id = generateResidentId('2030-05-01', 'male', 1);
    expect(checkResidentId(id).valid).toBe(true);
    expect(checkResidentId(id, '2026-11-23')).toEqual({ valid: false, code: 'residentId.birthDate' });
  });

  it('generates valid numbers for any birth date, sex and seed', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      const sex = seed % 2 === 0 ? 'female' : 'male';
      const id = generateResidentId('1985-06-15', sex, seed, '310115');
      expect(parseResidentId(id)).toEqual({ regionCode: '310115', birthDate: '1985-06-15', sex });
    }
    expect(generateResidentId('1985-06-15', 'male', 5)).toBe(generateResidentId('1985-06-15', 'male', 5));
  });
});

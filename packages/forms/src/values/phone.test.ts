import { generateMobile } from '../test-data';
import { isLandline, isMainlandMobile } from './phone';

describe('phone numbers', () => {
  it('accepts mainland mobile numbers and rejects others', () => {
    expect(isMainlandMobile('13812341234')).toBe(true);
    expect(isMainlandMobile('19912341234')).toBe(true);
    expect(isMainlandMobile('12812341234')).toBe(false);
    expect(isMainlandMobile('1381234123')).toBe(false);
    expect(isMainlandMobile(13812341234)).toBe(false);
    for (let seed = 0; seed < 50; seed += 1) expect(isMainlandMobile(generateMobile(seed))).toBe(true);
  });

  it('accepts landlines with area code and optional extension', () => {
    expect(isLandline('010-62345678')).toBe(true);
    expect(isLandline('075588889999')).toBe(true);
    expect(isLandline('021-61234567-801')).toBe(true);
    expect(isLandline('62345678')).toBe(false);
    expect(isLandline('010-02345678')).toBe(false);
  });
});

import { aumTrend, compactAmount, daysUntil, expiresSoon, formatChange, relativeChange, warningReasons } from './customer-facts';

describe('customer facts on the 360° page', () => {
  it('counts days to a date and marks holdings expiring within 30 days, not those past or later', () => {
    expect(daysUntil('2026-12-01', '2026-11-23')).toBe(8);
    expect(expiresSoon('2026-11-23', '2026-11-23')).toBe(true);
    expect(expiresSoon('2026-12-23', '2026-11-23')).toBe(true);
    expect(expiresSoon('2026-12-24', '2026-11-23')).toBe(false);
    expect(expiresSoon('2026-11-22', '2026-11-23')).toBe(false);
    expect(expiresSoon(undefined, '2026-11-23')).toBe(false);
  });

  it('orders the AUM trend from two months ago to now and drops months it does not know', () => {
    expect(aumTrend({ aumTwoMonthsAgo: '100.50', aumLastMonth: '80', aum: '60.25' })).toEqual([
      { period: 'twoMonthsAgo', value: 100.5 },
      { period: 'lastMonth', value: 80 },
      { period: 'current', value: 60.25 },
    ]);
    expect(aumTrend({ aum: '10', aumLastMonth: '***' })).toEqual([{ period: 'current', value: 10 }]);
  });

  it('explains a warning by the AUM decline and the inactive mobile banking the rules look at', () => {
    const reasons = warningReasons(
      { aumTwoMonthsAgo: '1000', aumLastMonth: '500', aum: '300', lastMobileLoginDate: '2026-09-01', warning: true, tags: ['aum_decline', 'inactive_mobile'] },
      '2026-11-23',
    );
    expect(reasons).toEqual([
      { kind: 'aumDecline', firstDrop: -0.5, secondDrop: -0.4 },
      { kind: 'inactiveMobile', lastLogin: '2026-09-01', days: 83 },
    ]);
    expect(warningReasons({ aumTwoMonthsAgo: '100', aumLastMonth: '110', aum: '120', lastMobileLoginDate: '2026-11-20' }, '2026-11-23')).toEqual([]);
  });

  it('writes a relative change with its sign and one decimal', () => {
    expect(formatChange(relativeChange('200', '150'))).toBe('-25.0%');
    expect(formatChange(relativeChange('100', '112.34'))).toBe('+12.3%');
    expect(formatChange(relativeChange('0', '1'))).toBe('—');
  });

  it('shortens amounts for chart labels in 万/亿 or K/M', () => {
    expect(compactAmount(946075.32, 'zh-CN')).toBe('94.6万');
    expect(compactAmount(123456789, 'zh-CN')).toBe('1.23亿');
    expect(compactAmount(4948, 'zh-CN')).toBe('4948');
    expect(compactAmount(946075.32, 'en')).toBe('946K');
    expect(compactAmount(2276648, 'en')).toBe('2.28M');
  });
});

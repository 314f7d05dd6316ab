import { bucketStart, dayFromIsoDate, isoDateOfDay, localDay, toLocalIso, workingDaysBetween } from './zoned-time';

describe('zoned time', () => {
  it('writes an instant as local ISO text with the zone offset', () => {
    expect(toLocalIso(new Date('2026-11-23T16:30:00.250Z'), 'Asia/Shanghai')).toBe('2026-11-24T00:30:00.250+08:00');
    expect(toLocalIso(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00.000-04:00');
    expect(toLocalIso(new Date('2026-01-01T12:00:00Z'), 'America/New_York')).toBe('2026-01-01T07:00:00.000-05:00');
    expect(toLocalIso(new Date('2026-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T17:30:00.000+05:30');
  });

  it('finds the local calendar day, switching at local midnight', () => {
    expect(isoDateOfDay(localDay(new Date('2026-03-31T15:59:59Z'), 'Asia/Shanghai'))).toBe('2026-03-31');
    expect(isoDateOfDay(localDay(new Date('2026-03-31T16:00:00Z'), 'Asia/Shanghai'))).toBe('2026-04-01');
  });

  it('starts weeks on Monday and quarters in January, April, July and October', () => {
    const day = dayFromIsoDate('2026-11-22')!; // a Sunday
    expect(isoDateOfDay(bucketStart(day, 'week'))).toBe('2026-11-16');
    expect(isoDateOfDay(bucketStart(day, 'quarter'))).toBe('2026-10-01');
    expect(isoDateOfDay(bucketStart(day, 'year'))).toBe('2026-01-01');
  });

  it('counts working days after the start up to the end, without weekends and holidays', () => {
    const friday = dayFromIsoDate('2026-11-20')!;
    const nextWednesday = dayFromIsoDate('2026-11-25')!;
    expect(workingDaysBetween(friday, nextWednesday, new Set())).toBe(3);
    expect(workingDaysBetween(friday, nextWednesday, new Set([dayFromIsoDate('2026-11-24')!]))).toBe(2);
    expect(workingDaysBetween(nextWednesday, friday, new Set())).toBe(-3);
  });
});

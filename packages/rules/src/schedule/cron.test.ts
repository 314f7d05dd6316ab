import { nextTick, parseCron } from './cron';

describe('cron schedules: parseCron and nextTick', () => {
  it('finds the next tick in the schedule time zone', () => {
    const daily = parseCron('0 8 * * *');
    expect(nextTick(daily, new Date('2027-03-10T07:00:00+08:00'), 'Asia/Shanghai').toISOString()).toBe(
      '2027-03-10T00:00:00.000Z',
    );
    expect(nextTick(daily, new Date('2027-03-10T08:00:00+08:00'), 'Asia/Shanghai').toISOString()).toBe(
      '2027-03-11T00:00:00.000Z',
    );
    const monthly = parseCron('0 6 1 * *');
    expect(nextTick(monthly, new Date('2027-03-10T07:00:00+08:00'), 'Asia/Shanghai').toISOString()).toBe(
      '2027-03-31T22:00:00.000Z',
    );
    const weekdays = parseCron('*/30 9-10 * * MON-FRI');
    expect(nextTick(weekdays, new Date('2027-03-12T10:45:00+08:00'), 'Asia/Shanghai').toISOString()).toBe(
      '2027-03-15T01:00:00.000Z',
    );
    expect(nextTick(parseCron('0 0 29 2 *'), new Date('2027-01-01T00:00:00Z'), 'UTC').toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('refuses malformed expressions with a message naming the field', () => {
    expect(() => parseCron('0 8 * *')).toThrow(/needs 5 fields/);
    expect(() => parseCron('0 25 * * *')).toThrow(/hour field "25" is outside 0–23/);
    expect(() => parseCron('x 8 * * *')).toThrow(/minute field "x" is not a number/);
    expect(() => nextTick(parseCron('0 0 31 2 *'), new Date(), 'UTC')).toThrow(/never fires/);
  });
});

import { compileProcess, remindTask } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';
import { linearDriver } from '../test-support/loan-steps';

describe('reminders 催办 and SLA escalation', () => {
  it('a manual reminder is announced to the shell', async () => {
    const driver = (await linearDriver()).complete('apply');
    driver.apply(remindTask(driver.definition, driver.state, driver.task('review').id, { by: 'wang', now: driver.now }));
    expect(driver.effects[0]).toMatchObject({ type: 'task.reminded', by: 'wang', automatic: false });
  });

  it('tessera:sla, remindEvery and escalateTo expand to a due date, reminder timers and an escalation timer', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:candidateRoles="credit-officer" tessera:sla="PT8H" tessera:remindEvery="PT4H" tessera:escalateTo="credit-manager" />
        <bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.task('review').dueAt).toBe('2026-11-23T16:00:00.000Z');
    expect(driver.pendingTimers()).toEqual(['review/reminder', 'review/sla']);
    driver.fire('review', 'reminder');
    expect(driver.effects[1]).toMatchObject({ type: 'task.reminded', automatic: true });
    expect(driver.timer('review', 'reminder').dueAt).toBe('2026-11-23T16:00:00.000Z');
    driver.fire('review', 'sla');
    expect(driver.task('review')).toMatchObject({ escalated: true, candidateRoles: ['credit-officer', 'credit-manager'] });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.escalated', role: 'credit-manager' }));
    driver.complete('review');
    expect(driver.pendingTimers()).toEqual([]);
  });

  it('an SLA in working days skips the weekend and the calendar holidays', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:sla="P2WD" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
      { calendar: { holidays: ['2026-11-30'] } },
    );
    const driver = new Driver(definition);
    driver.clock = Date.parse('2026-11-27T02:00:00Z'); // Friday 10:00 in Beijing
    driver.start();
    expect(driver.task('review').dueAt).toBe('2026-12-02T02:00:00.000Z'); // Monday is a holiday: Tuesday, Wednesday
  });
});

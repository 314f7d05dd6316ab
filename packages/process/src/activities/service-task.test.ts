import { compileProcess, retryIncident } from '../index';
import { Driver } from '../test-support/driver';
import { singleTask } from '../test-support/single-task';

describe('service task', () => {
  it('requests a job with its input parameters and stores the result', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:serviceTask id="task" camunda:topic="credit-bureau"><bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="idNumber">\${applicant.idNumber}</camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>`),
    );
    const driver = new Driver(definition).start({ variables: { applicant: { idNumber: '110101199003071234', name: '王' } } });
    expect(driver.effects).toContainEqual(
      expect.objectContaining({ type: 'job.requested', jobType: 'credit-bureau', elementId: 'task', variables: { idNumber: '110101199003071234' }, retry: 0 }),
    );
    driver.completeJob('task', { bureauScore: 710 });
    expect(driver.state.variables.bureauScore).toBe(710);
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('a failed job becomes an incident; retrying requests the job again', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:serviceTask id="task" tessera:jobType="core-banking" />`));
    const driver = new Driver(definition).start().failJob('task', { message: 'connection refused' });
    const [incident] = Object.values(driver.state.incidents);
    expect(incident).toMatchObject({ kind: 'job', elementId: 'task', message: 'connection refused' });
    driver.apply(retryIncident(definition, driver.state, incident!.id, { now: driver.now }));
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'job.requested', elementId: 'task', retry: 1 }));
    driver.completeJob('task');
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('send tasks are jobs too, typed by tessera:jobType', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:sendTask id="task" tessera:jobType="sms" />`));
    const driver = new Driver(definition).start();
    expect(driver.job('task').jobType).toBe('sms');
  });
});

import { compileProcess } from '../index';
import { Driver } from '../test-support/driver';
import { singleTask } from '../test-support/single-task';

describe('receive and manual tasks', () => {
  it('a receive task waits for its message', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:receiveTask id="task" messageRef="m" />`, '<bpmn:message id="m" name="signedContract" />'));
    const driver = new Driver(definition).start({ businessKey: 'L-3' });
    expect(driver.openTasks()).toEqual([]);
    driver.message('signedContract', { contractNo: 'C-1' }, 'L-3');
    expect(driver.openTasks()).toEqual(['after']);
    expect(driver.state.variables.contractNo).toBe('C-1');
  });

  it('manual and plain tasks pass straight through', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:manualTask id="task" />`));
    expect(new Driver(definition).start().startedElements()).toEqual(['start', 'task', 'after']);
  });
});

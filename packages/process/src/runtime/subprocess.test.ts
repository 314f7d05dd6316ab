import { compileProcess } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('embedded subprocess', () => {
  it('runs its inner flow and continues after it when the inner flow ends', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="kyc"><bpmn:startEvent id="ks" /><bpmn:userTask id="verifyId" /><bpmn:userTask id="verifyAddress" /><bpmn:endEvent id="ke" />
          ${chain('k', 'ks', 'verifyId', 'verifyAddress', 'ke')}</bpmn:subProcess>
        <bpmn:userTask id="decide" /><bpmn:endEvent id="end" />${chain('f', 'start', 'kyc', 'decide', 'end')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.openTasks()).toEqual(['verifyId']);
    driver.complete('verifyId').complete('verifyAddress');
    expect(driver.openTasks()).toEqual(['decide']);
    expect(Object.keys(driver.state.scopes)).toEqual(['root']);
  });
});

import { completeCallActivity, compileProcess } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('call activity', () => {
  it('asks for the child with mapped-in variables and maps its variables out when it ends', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:callActivity id="collateral" calledElement="collateral-valuation">
          <bpmn:extensionElements>
            <camunda:in source="propertyId" target="assetId" />
            <camunda:in businessKey="\${applicationNo}" />
            <tessera:in sourceExpression="\${amount * 2}" target="ceiling" />
            <camunda:out source="value" target="collateralValue" />
          </bpmn:extensionElements>
        </bpmn:callActivity>
        <bpmn:userTask id="decide" /><bpmn:endEvent id="end" />${chain('f', 'start', 'collateral', 'decide', 'end')}`),
    );
    const driver = new Driver(definition).start({ variables: { propertyId: 'P-9', applicationNo: 'A-1', amount: 100 } });
    const request = driver.effects.find((effect) => effect.type === 'callActivity.requested');
    expect(request).toMatchObject({ calledElement: 'collateral-valuation', businessKey: 'A-1', variables: { assetId: 'P-9', ceiling: 200 } });
    const callId = (request as { callId: string }).callId;
    driver.apply(completeCallActivity(definition, driver.state, callId, { now: driver.now, variables: { value: 880000, internal: 'x' } }));
    expect(driver.state.variables.collateralValue).toBe(880000);
    expect(driver.state.variables.internal).toBeUndefined();
    expect(driver.openTasks()).toEqual(['decide']);
  });
});

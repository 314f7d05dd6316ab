import { compileProcess } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('event subprocess', () => {
  const model = (interrupting: boolean) =>
    bpmn(
      `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}
       <bpmn:subProcess id="onComplaint" triggeredByEvent="true">
         <bpmn:startEvent id="complaint" isInterrupting="${interrupting}"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
         <bpmn:userTask id="handleComplaint" /><bpmn:endEvent id="ce" />${chain('c', 'complaint', 'handleComplaint', 'ce')}
       </bpmn:subProcess>
       <bpmn:subProcess id="onTimeout" triggeredByEvent="true">
         <bpmn:startEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
         <bpmn:endEvent id="te"><bpmn:terminateEventDefinition /></bpmn:endEvent>${flow('t1', 'late', 'te')}
       </bpmn:subProcess>`,
      { extraRoot: '<bpmn:message id="m" name="complaintFiled" />' },
    );

  it('a non-interrupting one runs beside the main flow and keeps listening', async () => {
    const driver = new Driver(await compileProcess(model(false))).start({ businessKey: 'L-1' });
    expect(driver.pendingTimers()).toEqual(['late/eventSubprocess']);
    driver.message('complaintFiled');
    expect(driver.openTasks()).toEqual(['handleComplaint', 'review']);
    driver.message('complaintFiled');
    expect(driver.openTasks()).toEqual(['handleComplaint', 'handleComplaint', 'review']);
    driver.complete('review');
    expect(driver.status).toBe('active');
    driver.complete('handleComplaint').complete('handleComplaint');
    expect(driver.status).toBe('completed');
  });

  it('an interrupting one cancels the main flow and the instance ends with it', async () => {
    const driver = new Driver(await compileProcess(model(true))).start();
    driver.message('complaintFiled');
    expect(driver.openTasks()).toEqual(['handleComplaint']);
    expect(driver.pendingTimers()).toEqual([]);
    driver.complete('handleComplaint');
    expect(driver.status).toBe('completed');
  });

  it('a timer start event starts it when due; its terminate end event ends only the event subprocess', async () => {
    const driver = new Driver(await compileProcess(model(true))).start();
    driver.fire('late');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'review', reason: 'interrupted' }));
    expect(driver.status).toBe('completed');
  });
});

describe('error event subprocess', () => {
  it('catches a job error code the failing task has no boundary event for', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="score" tessera:jobType="bureau" /><bpmn:userTask id="decide" /><bpmn:endEvent id="end" />
         ${chain('f', 'start', 'score', 'decide', 'end')}
         <bpmn:subProcess id="onBureauDown" triggeredByEvent="true">
           <bpmn:startEvent id="down"><bpmn:errorEventDefinition errorRef="e" /></bpmn:startEvent><bpmn:userTask id="manualScore" /><bpmn:endEvent id="me" />
           ${chain('m', 'down', 'manualScore', 'me')}
         </bpmn:subProcess>`,
        { extraRoot: '<bpmn:error id="e" errorCode="BUREAU_DOWN" />' },
      ),
    );
    const driver = new Driver(definition).start().failJob('score', { code: 'BUREAU_DOWN' });
    expect(driver.openTasks()).toEqual(['manualScore']);
    expect(driver.state.jobs).toEqual({});
    driver.complete('manualScore');
    expect(driver.status).toBe('completed');
  });
});

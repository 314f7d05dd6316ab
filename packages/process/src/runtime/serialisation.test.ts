import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addSigner,
  claimTask,
  compileProcess,
  completeJob,
  completeTask,
  delegateTask,
  deliverMessage,
  fireTimer,
  returnToStep,
  start,
  transferTask,
  withdraw,
  ProcessError,
  type CommandResult,
  type ProcessDefinition,
  type ProcessState,
} from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';

type Action = (state: ProcessState, now: string) => CommandResult;

/** Every command that makes sense in a state, in a stable order, so both runs pick the same one. */
function actionsFor(definition: ProcessDefinition, state: ProcessState, choice: number): Action[] {
  const actions: Action[] = [];
  for (const task of Object.values(state.tasks)) {
    actions.push((current, now) => completeTask(definition, current, task.id, { now, by: task.assignee ?? 'u1', data: { approved: choice % 2 === 0, round: choice } }));
    if (!task.assignee) actions.push((current, now) => claimTask(definition, current, task.id, { now, by: `u${choice % 3}` }));
    else {
      actions.push((current, now) => transferTask(definition, current, task.id, { now, to: `t${choice % 2}` }));
      if (task.delegationState !== 'pending') actions.push((current, now) => delegateTask(definition, current, task.id, { now, to: `d${choice % 2}` }));
      else actions.push((current, now) => completeTask(definition, current, task.id, { now, by: task.assignee, data: { delegateNote: choice } }));
    }
    actions.push((current, now) => addSigner(definition, current, task.id, { now, user: `extra${choice % 2}`, position: choice % 2 ? 'before' : 'after' }));
    const step = state.completedSteps[0];
    if (step) {
      actions.push((current, now) => {
        try {
          return returnToStep(definition, current, task.id, { now, toElementId: step.elementId });
        } catch {
          return { state: current, effects: [] };
        }
      });
    }
  }
  for (const timer of Object.values(state.timers)) actions.push((current, now) => fireTimer(definition, current, timer.id, { now }));
  for (const job of Object.values(state.jobs)) {
    actions.push((current, now) => completeJob(definition, current, job.id, { now, result: { paid: true } }));
    actions.push((current, now) => completeJob(definition, current, job.id, { now, error: { code: 'DECLINED' } }));
  }
  for (const subscription of Object.values(state.subscriptions)) {
    if (subscription.kind === 'message') actions.push((current, now) => deliverMessage(definition, current, { now, name: subscription.name, payload: { choice } }));
  }
  if (state.startedBy) {
    actions.push((current, now) => {
      try {
        return withdraw(definition, current, { now, by: state.startedBy! });
      } catch {
        return { state: current, effects: [] };
      }
    });
  }
  return actions;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function walk(definition: ProcessDefinition, choices: number[], variables: Record<string, unknown>, serialise: boolean): string[] {
  const trace: string[] = [];
  let clock = Date.parse('2026-11-23T08:00:00Z');
  let { state, effects } = start(definition, { now: new Date(clock).toISOString(), variables, startedBy: 'applicant1', businessKey: 'B-1' });
  trace.push(JSON.stringify(effects), JSON.stringify(state));
  for (const choice of choices) {
    if (state.status !== 'active') break;
    // Unserialised runs hand over frozen states: a command that changed its input would throw.
    state = serialise ? (JSON.parse(JSON.stringify(state)) as ProcessState) : deepFreeze(state);
    const actions = actionsFor(definition, state, choice);
    if (actions.length === 0) break;
    clock += 3600000;
    try {
      ({ state, effects } = actions[choice % actions.length]!(state, new Date(clock).toISOString()));
    } catch (error) {
      // A maker-checker refusal changes nothing; both runs must refuse the same command.
      if (!(error instanceof ProcessError) || error.code !== 'task.userExcluded') throw error;
      trace.push(`refused ${error.code}`);
      continue;
    }
    trace.push(JSON.stringify(effects), JSON.stringify(state));
  }
  return trace;
}

const models: Record<string, { xml: string; variables: Record<string, unknown> }> = {
  loanApproval: { xml: readFileSync(join(__dirname, '../fixtures/loan-approval.bpmn'), 'utf8'), variables: { amount: 800000 } },
  countersignWithTimeout: {
    xml: bpmn(`<bpmn:startEvent id="start" tessera:initiator="applicant" /><bpmn:userTask id="apply" tessera:assignee="\${applicant}" />
      <bpmn:userTask id="sign" tessera:assignee="\${approver}"><bpmn:multiInstanceLoopCharacteristics isSequential="false" tessera:collection="approvers" tessera:elementVariable="approver">
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances/nrOfInstances &gt;= 0.6}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
      <bpmn:boundaryEvent id="slow" attachedToRef="sign" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT2H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:serviceTask id="notify" tessera:jobType="notify" /><bpmn:endEvent id="end" /><bpmn:endEvent id="notified" />
      ${chain('f', 'start', 'apply', 'sign', 'end')}${chain('n', 'slow', 'notify', 'notified')}`),
    variables: { approvers: ['a', 'b', 'c'] },
  },
  makerChecker: {
    xml: bpmn(`<bpmn:startEvent id="start" tessera:initiator="applicant" /><bpmn:userTask id="apply" tessera:assignee="\${applicant}" />
      <bpmn:userTask id="approve" tessera:candidateRoles="manager" tessera:excludeUsers='["t0", "extra1", {"var":"applicant"}]' />
      <bpmn:userTask id="sign" tessera:assignee="\${approver}" tessera:excludeUsers="\${applicant}, d\${loopCounter}"><bpmn:multiInstanceLoopCharacteristics isSequential="true" tessera:collection="approvers" tessera:elementVariable="approver" /></bpmn:userTask>
      <bpmn:endEvent id="end" />${chain('f', 'start', 'apply', 'approve', 'sign', 'end')}`),
    variables: { approvers: ['a', 'b'] },
  },
  complaintTicket: {
    xml: bpmn(
      `<bpmn:startEvent id="start" tessera:initiator="applicant" /><bpmn:inclusiveGateway id="split" default="toBasic" />
       <bpmn:userTask id="investigate" tessera:candidateRoles="complaints" tessera:sla="PT8H" tessera:escalateTo="supervisor" />
       <bpmn:userTask id="compensate" /><bpmn:userTask id="basic" />
       <bpmn:inclusiveGateway id="merge" />
       <bpmn:subProcess id="close"><bpmn:startEvent id="cs" /><bpmn:userTask id="confirm" /><bpmn:intermediateCatchEvent id="feedback"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="ce" />${chain('c', 'cs', 'confirm', 'feedback', 'ce')}</bpmn:subProcess>
       <bpmn:boundaryEvent id="noFeedback" attachedToRef="close"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
       <bpmn:subProcess id="onEscalation" triggeredByEvent="true"><bpmn:startEvent id="urgent" isInterrupting="false"><bpmn:messageEventDefinition messageRef="u" /></bpmn:startEvent><bpmn:userTask id="callCustomer" /><bpmn:endEvent id="ue" />${chain('u', 'urgent', 'callCustomer', 'ue')}</bpmn:subProcess>
       ${flow('f0', 'start', 'split')}${flow('s1', 'split', 'investigate', '${severity > 1}')}${flow('s2', 'split', 'compensate', '${claim > 0}')}${flow('toBasic', 'split', 'basic')}
       ${flow('m1', 'investigate', 'merge')}${flow('m2', 'compensate', 'merge')}${flow('m3', 'basic', 'merge')}
       ${chain('e', 'merge', 'close', 'end')}${flow('nf', 'noFeedback', 'end2')}`,
      { extraRoot: '<bpmn:message id="m" name="customerFeedback" /><bpmn:message id="u" name="urgentCall" />' },
    ),
    variables: { severity: 2, claim: 100 },
  },
};

describe('state serialised between every step', () => {
  for (const [name, model] of Object.entries(models)) {
    it(`behaves identically to an unserialised run on random walks through the ${name} model`, async () => {
      const definition = await compileProcess(model.xml);
      fc.assert(
        fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 }), (choices) => {
          expect(walk(definition, choices, model.variables, true)).toEqual(walk(definition, choices, model.variables, false));
        }),
        { numRuns: 60, seed: 20261123 },
      );
    });
  }

  it('random walks through the maker-checker model meet refusals and still complete', async () => {
    const definition = await compileProcess(models.makerChecker!.xml);
    let refusals = 0;
    const ended = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 20, maxLength: 80 }), (choices) => {
        const trace = walk(definition, choices, models.makerChecker!.variables, true);
        refusals += trace.filter((entry) => entry === 'refused task.userExcluded').length;
        const states = trace.filter((entry) => !entry.startsWith('refused'));
        ended.add((JSON.parse(states[states.length - 1]!) as ProcessState).status);
      }),
      { numRuns: 40, seed: 11 },
    );
    expect(refusals).toBeGreaterThan(0);
    expect(ended.has('completed')).toBe(true);
  });

  it('random walks reach the end of the loan approval model', async () => {
    const definition = await compileProcess(models.loanApproval!.xml);
    const ended = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 10, maxLength: 40 }), (choices) => {
        const trace = walk(definition, choices, { amount: 800000 }, true);
        ended.add((JSON.parse(trace[trace.length - 1]!) as ProcessState).status);
      }),
      { numRuns: 40, seed: 7 },
    );
    expect(ended.has('completed')).toBe(true);
  });
});

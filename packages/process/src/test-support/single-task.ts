import { bpmn, chain } from './bpmn';

/** A process with one task under test (id `task`) between the start and a user task `after`. */
export const singleTask = (task: string, extraRoot = '') =>
  bpmn(`<bpmn:startEvent id="start" />${task}<bpmn:userTask id="after" /><bpmn:endEvent id="end" />${chain('f', 'start', 'task', 'after', 'end')}`, {
    extraRoot,
  });

import type { ProcessDefinition } from '../definition/types';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { moveTokenBack } from './move-back';

/**
 * 撤回: the user who completed the latest step (or started the instance) takes it back, allowed
 * only while nobody has acted since: no step completed after it and every task created after it
 * unclaimed and untouched.
 */
export function withdraw(definition: ProcessDefinition, state: ProcessState, options: { by: string; now: Instant }): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const steps = run.state.completedSteps;
    let index = steps.length - 1;
    while (index >= 0 && steps[index]!.by !== options.by) index -= 1;
    const step = index >= 0 ? steps[index] : undefined;
    if (!step && options.by !== run.state.startedBy) {
      throw new ProcessError('withdraw.notAllowed', {
        'zh-CN': `${options.by} 既未发起该流程，也未办理过任何步骤`,
        en: `${options.by} neither started this instance nor completed any of its steps`,
      });
    }
    const after = step ? step.sequence : 0;
    const acted = steps.slice(index + 1).length > 0 || Object.values(run.state.tasks).some((task) => task.sequence > after && task.touched);
    if (acted) {
      throw new ProcessError('withdraw.alreadyTaken', {
        'zh-CN': '后续步骤已被办理，不能撤回',
        en: 'the next step has already been taken up; it can no longer be withdrawn',
      });
    }
    run.history('task.withdrawn', { by: options.by, ...(step ? { elementId: step.elementId } : {}) });
    if (!step) return run.endInstance('withdrawn');
    moveTokenBack(run, step, 'withdrawn', options.by);
  });
}

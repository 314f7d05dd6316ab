import type { ElementKind, EventDefinition, Expression, TimerSpec, WorkingCalendar } from './types';
import { attributeOf, bodyOf, childOf, childrenOf, type ModdleElement } from './moddle-access';
import type { ProblemList } from './problems';
import { scheduleTimerText, TimerSpecError } from '../time/timer-schedule';

/** What the per-element compilers need from the process compiler. */
export interface CompilerTools {
  readonly problems: ProblemList;
  readonly calendar?: WorkingCalendar;
  expression(text: string, elementId: string, what: string, language?: string, ruleRequired?: boolean): Expression | undefined;
  attributeExpression(element: ModdleElement, what: string, ...names: string[]): Expression | undefined;
}

/** Which event definitions each kind of event may carry. */
const allowed: Record<string, ElementKind[]> = {
  'bpmn:TimerEventDefinition': ['startEvent', 'intermediateCatchEvent', 'boundaryEvent'],
  'bpmn:MessageEventDefinition': ['startEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'endEvent'],
  'bpmn:SignalEventDefinition': ['startEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'endEvent'],
  'bpmn:ErrorEventDefinition': ['startEvent', 'boundaryEvent', 'endEvent'],
  'bpmn:EscalationEventDefinition': ['startEvent', 'boundaryEvent', 'intermediateThrowEvent', 'endEvent'],
  'bpmn:TerminateEventDefinition': ['endEvent'],
  'bpmn:LinkEventDefinition': ['intermediateCatchEvent', 'intermediateThrowEvent'],
};

/** Reads an event's one event definition; unsupported combinations are reported with the event's id. */
export function compileEventDefinition(
tools: CompilerTools,
element: ModdleElement,
kind: ElementKind,
timerTexts: Map<string, { type: TimerSpec['type']; text: string }>,
): EventDefinition | undefined {
  const definitions = childrenOf(element, 'eventDefinitions');
  const id = element.id!;
  if (definitions.length === 0) {
    if (kind === 'boundaryEvent' || kind === 'intermediateCatchEvent') {
      tools.problems.add('process.event.noDefinition', id, `事件 ${id} 缺少事件定义`, `event ${id} has no event definition`);
    }
    return { kind: 'none' };
  }
  if (definitions.length > 1) {
    tools.problems.add(
      'process.event.multiple',
      id,
      `事件 ${id} 有多个事件定义，不支持`,
      `event ${id} has several event definitions, which is not supported`,
    );
    return undefined;
  }
  const definition = definitions[0]!;
  if (!allowed[definition.$type]?.includes(kind)) {
    tools.problems.add(
      'process.event.unsupported',
      id,
      `不支持在 ${kind} 上使用 ${definition.$type}（${id}）`,
      `${definition.$type} is not supported on ${kind} (${id})`,
    );
    return undefined;
  }
  switch (definition.$type) {
    case 'bpmn:TimerEventDefinition': {
      const entries: [TimerSpec['type'], string][] = [
        ['duration', 'timeDuration'],
        ['date', 'timeDate'],
        ['cycle', 'timeCycle'],
      ];
      for (const [type, property] of entries) {
        const text = bodyOf(childOf(definition, property));
        if (text === undefined) continue;
        const value = tools.expression(text, id, 'timer');
        if (!value) return undefined;
        if (!/[$#]\{/.test(text)) {
          try {
            scheduleTimerText(type, text.trim(), new Date(0), tools.calendar);
          } catch (error) {
            if (!(error instanceof TimerSpecError)) throw error;
            tools.problems.add('process.timer.invalid', id, `定时器 ${id} 无效：${error.message}`, `timer ${id} is invalid: ${error.message}`);
            return undefined;
          }
        }
        timerTexts.set(id, { type, text: text.trim() });
        return { kind: 'timer', timer: { type, value } };
      }
      tools.problems.add('process.timer.empty', id, `定时器 ${id} 没有时间定义`, `timer ${id} has no time definition`);
      return undefined;
    }
    case 'bpmn:MessageEventDefinition': {
      const message = childOf(definition, 'messageRef');
      const name = message?.name ?? message?.id;
      if (!name && kind !== 'endEvent' && kind !== 'intermediateThrowEvent') {
        tools.problems.add('process.message.missing', id, `消息事件 ${id} 没有引用消息`, `message event ${id} references no message`);
        return undefined;
      }
      const correlationKey = tools.attributeExpression(element, 'correlation key', 'tessera:correlationKey');
      return { kind: 'message', name: name ?? id, ...(correlationKey ? { correlationKey } : {}) };
    }
    case 'bpmn:SignalEventDefinition': {
      const signal = childOf(definition, 'signalRef');
      const name = signal?.name ?? signal?.id;
      if (!name) {
        tools.problems.add('process.signal.missing', id, `信号事件 ${id} 没有引用信号`, `signal event ${id} references no signal`);
        return undefined;
      }
      return { kind: 'signal', name };
    }
    case 'bpmn:ErrorEventDefinition': {
      const error = childOf(definition, 'errorRef');
      const code = attributeOf(error ?? definition, 'errorCode') ?? (error ? (error.name ?? error.id) : undefined);
      return { kind: 'error', ...(code ? { code } : {}) };
    }
    case 'bpmn:EscalationEventDefinition': {
      const escalation = childOf(definition, 'escalationRef');
      const code = escalation
        ? (attributeOf(escalation, 'escalationCode') ?? escalation.name ?? escalation.id)
        : undefined;
      return { kind: 'escalation', ...(code ? { code } : {}) };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:LinkEventDefinition':
      return { kind: 'link', name: definition.name ?? id };
    default:
      return undefined;
  }
}

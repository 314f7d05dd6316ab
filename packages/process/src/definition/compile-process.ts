// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- packages compiling these sources (tessera-source) need the declaration too
/// <reference path="../moddle/bpmn-moddle.d.ts" />
import { BpmnModdle } from 'bpmn-moddle';
import {
  check,
  compileDecisionTable,
  compileRuleSet,
  DefinitionError,
  type CompiledDecisionTable,
  type CompiledRuleSet,
  type DecisionTableDefinition,
  type Problem,
  type RuleSetDefinition,
  type VariableSchema,
} from '@tessera/rules';
import { camundaModdleDescriptor } from '../moddle/camunda-descriptor';
import { tesseraModdleDescriptor } from '../moddle/tessera-descriptor';
import { compileAttribute, compileExpression, ExpressionError, ruleOf } from '../expressions/expression';
import { parseDuration } from '../time/duration';
import { attributeOf, bodyOf, childOf, childrenOf, extensionsOf, shortType, type ModdleElement } from './moddle-access';
import { reportParseWarning, type ParseWarning } from './parse-warnings';
import { compileEventDefinition, type CompilerTools } from './event-definitions';
import { ProblemList } from './problems';
import { findXmlFault, xmlFaultProblem } from './xml-well-formed';
import { computeReachability } from './reachability';
import type {
  ContainerDefinition,
  ElementDefinition,
  ElementKind,
  Expression,
  FlowDefinition,
  ParameterMapping,
  ProcessDefinition,
  StartEventInfo,
  TimerSpec,
  VariableMapping,
  WorkingCalendar,
} from './types';

export interface CompileProcessOptions {
  processId?: string;
  /** Decision table definitions (or compiled tables) by id, as `@tessera/rules` defines them. */
  decisionTables?: Record<string, DecisionTableDefinition | CompiledDecisionTable>;
  /** Rule set definitions (or compiled rule sets) by id. */
  ruleSets?: Record<string, RuleSetDefinition | CompiledRuleSet>;
  calendar?: WorkingCalendar;
  /**
   * The process variables and their types (dotted paths, as `@tessera/rules` `check` takes them).
   * When given, every condition and expression is checked against them and the findings are
   * returned as `definition.warnings`.
   */
  variables?: VariableSchema;
}

const bpmnNamespace = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

const supportedKinds = new Set<string>([
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
  'userTask',
  'serviceTask',
  'scriptTask',
  'businessRuleTask',
  'sendTask',
  'receiveTask',
  'manualTask',
  'task',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'subProcess',
  'callActivity',
]);
/** Elements that carry no behaviour and are skipped. */
const ignoredKinds = new Set([
  'sequenceFlow',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'textAnnotation',
  'association',
  'group',
]);


/** Parses BPMN 2.0 XML and compiles one process into the engine's runtime graph. */
export async function compileProcess(xml: string, options: CompileProcessOptions = {}): Promise<ProcessDefinition> {
  const problems = new ProblemList();
  // bpmn-moddle repairs malformed XML silently; a definition must be exactly what was written.
  const fault = typeof xml === 'string' ? findXmlFault(xml) : undefined;
  if (fault) throw new DefinitionError([xmlFaultProblem(xml, fault)]);
  if (typeof xml !== 'string' || !xml.includes(bpmnNamespace)) {
    problems.add(
      'process.namespace.missing',
      undefined,
      `BPMN 文件缺少命名空间 ${bpmnNamespace}`,
      `the BPMN file lacks the namespace ${bpmnNamespace}`,
    );
    throw new DefinitionError(problems.items);
  }
  const moddle = new BpmnModdle({ tessera: tesseraModdleDescriptor, camunda: camundaModdleDescriptor });
  let root: ModdleElement;
  let warnings: ParseWarning[];
  try {
    const parsed = await moddle.fromXML(xml);
    root = parsed.rootElement as unknown as ModdleElement;
    warnings = parsed.warnings as unknown as typeof warnings;
  } catch (error) {
    problems.add(
      'process.xml.invalid',
      undefined,
      `BPMN XML 无法解析：${(error as Error).message}`,
      `the BPMN XML does not parse: ${(error as Error).message}`,
    );
    throw new DefinitionError(problems.items);
  }
  for (const warning of warnings) reportParseWarning(warning, xml, problems);

  const processes = childrenOf(root, 'rootElements').filter((element) => element.$type === 'bpmn:Process');
  if (processes.length === 0) {
    problems.add('process.none', undefined, 'BPMN 文件中没有流程（bpmn:process）', 'the BPMN file contains no bpmn:process');
    throw new DefinitionError(problems.items);
  }
  const chosen = options.processId
    ? processes.find((process) => process.id === options.processId)
    : (processes.find((process) => process.get('isExecutable') === true) ?? processes[0]);
  if (!chosen) {
    problems.add(
      'process.unknown',
      options.processId,
      `BPMN 文件中没有 id 为 ${options.processId} 的流程`,
      `the BPMN file has no process with id ${options.processId}`,
    );
    throw new DefinitionError(problems.items);
  }

  const compiler = new ProcessCompiler(problems, options);
  const definition = compiler.compile(chosen, processes.map((process) => process.id!));
  if (problems.items.length > 0) throw new DefinitionError(problems.items);
  return definition;
}

class ProcessCompiler implements CompilerTools {
  private readonly elements: Record<string, ElementDefinition> = {};
  private readonly flows: Record<string, FlowDefinition> = {};
  private readonly decisionTables = new Map<string, CompiledDecisionTable>();
  /** Every rule the model contains, with where it is, for the static check. */
  private readonly rules: { elementId: string; what: string; expression: Expression }[] = [];
  /** Variables the engine or the model itself defines (loop variables, result variables, parameters). */
  private readonly definedVariables: VariableSchema = {
    businessKey: 'string',
    loopCounter: 'integer',
    nrOfInstances: 'integer',
    nrOfCompletedInstances: 'integer',
    nrOfActiveInstances: 'integer',
    errorCode: 'string',
    escalationCode: 'string',
  };
  private readonly ruleSets = new Map<string, CompiledRuleSet>();

  readonly calendar?: WorkingCalendar;

  constructor(
    readonly problems: ProblemList,
    private readonly options: CompileProcessOptions,
  ) {
    this.calendar = options.calendar;
  }

  compile(process: ModdleElement, processIds: string[]): ProcessDefinition {
    const container = this.compileContainer(process, process.id!);
    for (const flow of Object.values(this.flows)) {
      const source = this.elements[flow.source];
      const target = this.elements[flow.target];
      if (!source || !target) {
        this.problems.add(
          'process.flow.dangling',
          flow.id,
          `顺序流 ${flow.id} 的起点或终点不存在`,
          `sequence flow ${flow.id} has a missing source or target`,
        );
        continue;
      }
      if (source.container !== target.container) {
        this.problems.add(
          'process.flow.crossesScope',
          flow.id,
          `顺序流 ${flow.id} 跨越了子流程边界`,
          `sequence flow ${flow.id} crosses a subprocess boundary`,
        );
      }
    }
    const startEvents = container.startEvents.map((id) => this.startEventInfo(id)).filter((info) => info !== undefined);
    if (startEvents.length === 0) {
      this.problems.add('process.start.missing', process.id, '流程没有开始事件', 'the process has no start event');
    }
    return {
      id: process.id!,
      name: process.name,
      warnings: this.staticCheck(),
      process: container,
      elements: this.elements,
      flows: this.flows,
      startEvents,
      reachable: computeReachability(this.elements, this.flows),
      calendar: this.options.calendar,
      processIds,
    };
  }

  /** Checks every rule of the model against the declared variables (nothing when none are declared). */
  private staticCheck(): Problem[] {
    if (!this.options.variables) return [];
    const schema: VariableSchema = { ...this.definedVariables, ...this.options.variables };
    const warnings: Problem[] = [];
    for (const { elementId, what, expression } of this.rules) {
      const rule = ruleOf(expression);
      if (rule === undefined) continue;
      for (const problem of check(rule, schema)) {
        warnings.push({
          code: problem.code,
          elementId,
          ...(problem.path ? { path: problem.path } : {}),
          message: {
            'zh-CN': `${elementId} 的${what}表达式：${problem.message['zh-CN']}`,
            en: `${what} expression of ${elementId}: ${problem.message.en}`,
          },
          severity: 'warning',
        });
      }
    }
    return warnings;
  }

  private startEventInfo(id: string): StartEventInfo | undefined {
    const element = this.elements[id]!;
    const event = element.event ?? { kind: 'none' };
    switch (event.kind) {
      case 'none':
        return { elementId: id, kind: 'none' };
      case 'message':
        return { elementId: id, kind: 'message', messageName: event.name };
      case 'signal':
        return { elementId: id, kind: 'signal', signalName: event.name };
      case 'timer':
        return { elementId: id, kind: 'timer', timer: this.timerTexts.get(id) };
      default:
        this.problems.add(
          'process.start.unsupported',
          id,
          `流程级开始事件不支持 ${event.kind} 类型`,
          `a process-level start event cannot be of kind ${event.kind}`,
        );
        return undefined;
    }
  }

  private readonly timerTexts = new Map<string, { type: TimerSpec['type']; text: string }>();

  private compileContainer(container: ModdleElement, containerId: string): ContainerDefinition {
    const result: ContainerDefinition = { id: containerId, startEvents: [], eventSubProcesses: [], linkTargets: {} };
    const flowElements = childrenOf(container, 'flowElements');
    for (const element of flowElements) {
      if (element.$type === 'bpmn:SequenceFlow') this.compileFlow(element);
    }
    for (const element of flowElements) {
      const kind = shortType(element);
      if (ignoredKinds.has(kind)) continue;
      if (!supportedKinds.has(kind)) {
        this.problems.add(
          'process.element.unsupported',
          element.id,
          `不支持的 BPMN 元素 ${element.$type}（${element.id}）`,
          `unsupported BPMN element ${element.$type} (${element.id})`,
        );
        continue;
      }
      const compiled = this.compileElement(element, kind as ElementKind, containerId);
      if (!compiled) continue;
      this.elements[compiled.id] = compiled;
      if (kind === 'startEvent') result.startEvents.push(compiled.id);
      if (kind === 'startEvent' && (compiled.event?.kind ?? 'none') === 'none') result.noneStart ??= compiled.id;
      if (compiled.triggeredByEvent) result.eventSubProcesses.push(compiled.id);
      if (kind === 'intermediateCatchEvent' && compiled.event?.kind === 'link') {
        result.linkTargets[compiled.event.name] = compiled.id;
      }
    }
    for (const element of flowElements) {
      const compiled = element.id ? this.elements[element.id] : undefined;
      if (compiled?.kind === 'boundaryEvent' && compiled.attachedTo) {
        const host = this.elements[compiled.attachedTo];
        if (host) host.boundaryEvents.push(compiled.id);
        else
          this.problems.add(
            'process.boundary.unattached',
            compiled.id,
            `边界事件 ${compiled.id} 依附的活动不存在`,
            `boundary event ${compiled.id} is attached to a missing activity`,
          );
      }
    }
    return result;
  }

  private compileFlow(element: ModdleElement): void {
    const source = childOf(element, 'sourceRef')?.id;
    const target = childOf(element, 'targetRef')?.id;
    const flow: FlowDefinition = { id: element.id!, source: source ?? '', target: target ?? '' };
    const condition = childOf(element, 'conditionExpression');
    if (condition) {
      const expression = this.expression(bodyOf(condition) ?? '', element.id!, 'condition', attributeOf(condition, 'language'), true);
      if (expression) flow.condition = expression;
    }
    this.flows[flow.id] = flow;
  }

  expression(text: string, elementId: string, what: string, language?: string, ruleRequired = false): Expression | undefined {
    try {
      const expression = compileExpression(text, language, { ruleRequired });
      this.rules.push({ elementId, what, expression });
      return expression;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.problems.add(
        'process.expression.unsupported',
        elementId,
        `${elementId} 的${what}表达式无法使用：${error.message}`,
        `the ${what} expression of ${elementId} cannot be used: ${error.message}`,
      );
      return undefined;
    }
  }

  attributeExpression(element: ModdleElement, what: string, ...names: string[]): Expression | undefined {
    const text = attributeOf(element, ...names);
    if (text === undefined) return undefined;
    try {
      const expression = compileAttribute(text);
      if (expression) this.rules.push({ elementId: element.id!, what, expression });
      return expression;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      return this.expression(text, element.id!, what);
    }
  }

  private compileElement(element: ModdleElement, kind: ElementKind, container: string): ElementDefinition | undefined {
    const id = element.id!;
    const compiled: ElementDefinition = {
      id,
      ...(element.name ? { name: element.name } : {}),
      kind,
      container,
      incoming: childrenOf(element, 'incoming').map((flow) => flow.id!),
      outgoing: childrenOf(element, 'outgoing').map((flow) => flow.id!),
      interrupting: true,
      boundaryEvents: [],
      inputs: [],
      outputs: [],
    };
    // bpmn-js writes incoming/outgoing, hand-written XML often does not: derive them from the flows.
    if (compiled.incoming.length === 0 || compiled.outgoing.length === 0) {
      const flows = Object.values(this.flows);
      if (compiled.incoming.length === 0) compiled.incoming = flows.filter((flow) => flow.target === id).map((flow) => flow.id);
      if (compiled.outgoing.length === 0) compiled.outgoing = flows.filter((flow) => flow.source === id).map((flow) => flow.id);
    }
    const defaultFlow = childOf(element, 'default')?.id;
    if (defaultFlow) compiled.defaultFlow = defaultFlow;

    if (kind.endsWith('Event')) {
      const event = compileEventDefinition(this, element, kind, this.timerTexts);
      if (event) compiled.event = event;
    }
    if (kind === 'receiveTask') {
      const message = childOf(element, 'messageRef');
      const correlationKey = this.attributeExpression(element, 'correlation key', 'tessera:correlationKey');
      compiled.event = { kind: 'message', name: message?.name ?? message?.id ?? id, ...(correlationKey ? { correlationKey } : {}) };
    }
    if (kind === 'boundaryEvent') {
      compiled.attachedTo = childOf(element, 'attachedToRef')?.id;
      compiled.interrupting = element.get('cancelActivity') !== false;
    }
    if (kind === 'startEvent') {
      compiled.interrupting = element.get('isInterrupting') !== false;
      const initiator = attributeOf(element, 'tessera:initiator', 'camunda:initiator');
      if (initiator) {
        compiled.initiator = initiator;
        this.definedVariables[initiator] = 'string';
      }
      const formKey = attributeOf(element, 'tessera:formKey', 'camunda:formKey');
      if (formKey) compiled.formKey = formKey;
    }
    this.compileMappings(element, compiled);
    this.compileLoop(element, compiled);

    switch (kind) {
      case 'userTask':
        this.compileUserTask(element, compiled);
        break;
      case 'serviceTask':
      case 'sendTask':
        compiled.jobType =
          attributeOf(
            element,
            'tessera:jobType',
            'camunda:topic',
            'camunda:type',
            'camunda:class',
            'camunda:delegateExpression',
            'camunda:expression',
          ) ?? id;
        break;
      case 'scriptTask':
        this.compileScriptTask(element, compiled);
        break;
      case 'businessRuleTask':
        this.compileBusinessRuleTask(element, compiled);
        break;
      case 'callActivity':
        this.compileCallActivity(element, compiled);
        break;
      case 'subProcess':
        compiled.triggeredByEvent = element.get('triggeredByEvent') === true;
        compiled.subProcess = this.compileContainer(element, id);
        if (!compiled.triggeredByEvent && !compiled.subProcess.noneStart) {
          this.problems.add(
            'process.subProcess.noStart',
            id,
            `子流程 ${id} 没有空开始事件`,
            `subprocess ${id} has no none start event`,
          );
        }
        if (compiled.triggeredByEvent && compiled.subProcess.startEvents.length !== 1) {
          this.problems.add(
            'process.eventSubProcess.start',
            id,
            `事件子流程 ${id} 必须恰好有一个开始事件`,
            `event subprocess ${id} must have exactly one start event`,
          );
        }
        break;
      default:
        break;
    }
    return compiled;
  }

  private compileMappings(element: ModdleElement, compiled: ElementDefinition): void {
    for (const inputOutput of extensionsOf(element, 'tessera:InputOutput', 'camunda:InputOutput')) {
      for (const [property, target] of [
        ['inputParameters', compiled.inputs],
        ['outputParameters', compiled.outputs],
      ] as const) {
        for (const parameter of childrenOf(inputOutput, property)) {
          const name = attributeOf(parameter, 'name');
          if (!name) {
            this.problems.add('process.mapping.unnamed', compiled.id, `${compiled.id} 的参数缺少 name`, `a parameter of ${compiled.id} has no name`);
            continue;
          }
          this.definedVariables[name] = 'any';
          const value = this.expression(String(parameter.value ?? ''), compiled.id, `parameter ${name}`);
          if (value) (target as ParameterMapping[]).push({ name, value });
        }
      }
    }
  }

  private compileLoop(element: ModdleElement, compiled: ElementDefinition): void {
    const loop = childOf(element, 'loopCharacteristics');
    if (!loop) return;
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.problems.add(
        'process.loop.unsupported',
        compiled.id,
        `${compiled.id} 使用了不支持的循环特性 ${loop.$type}`,
        `${compiled.id} uses unsupported loop characteristics ${loop.$type}`,
      );
      return;
    }
    const cardinality = bodyOf(childOf(loop, 'loopCardinality'));
    const collectionText = attributeOf(loop, 'tessera:collection', 'camunda:collection');
    const completion = bodyOf(childOf(loop, 'completionCondition'));
    const elementVariable = attributeOf(loop, 'tessera:elementVariable', 'camunda:elementVariable');
    if (elementVariable) this.definedVariables[elementVariable] = 'any';
    if (!cardinality && !collectionText) {
      this.problems.add(
        'process.multiInstance.noInput',
        compiled.id,
        `多实例 ${compiled.id} 既没有 loopCardinality 也没有 collection`,
        `multi-instance ${compiled.id} has neither loopCardinality nor collection`,
      );
      return;
    }
    compiled.multiInstance = {
      sequential: loop.get('isSequential') === true,
      ...(cardinality ? { cardinality: this.expression(cardinality, compiled.id, 'loop cardinality') } : {}),
      // A bare name is a variable, as in Camunda.
      ...(collectionText
        ? {
            collection: /^[A-Za-z_][\w.]*$/.test(collectionText)
              ? this.expression(`\${${collectionText}}`, compiled.id, 'collection')
              : this.expression(collectionText, compiled.id, 'collection'),
          }
        : {}),
      ...(elementVariable ? { elementVariable } : {}),
      ...(completion ? { completionCondition: this.expression(completion, compiled.id, 'completion condition', undefined, true) } : {}),
    };
  }

  private compileUserTask(element: ModdleElement, compiled: ElementDefinition): void {
    const ruleSetId = attributeOf(element, 'tessera:assignmentRule');
    const sla = attributeOf(element, 'tessera:sla');
    const remindEvery = attributeOf(element, 'tessera:remindEvery');
    for (const [name, value] of [
      ['sla', sla],
      ['remindEvery', remindEvery],
    ] as const) {
      if (value !== undefined && !parseDuration(value)) {
        this.problems.add(
          'process.duration.invalid',
          compiled.id,
          `${compiled.id} 的 tessera:${name} 不是 ISO 8601 时长：${value}`,
          `tessera:${name} of ${compiled.id} is not an ISO 8601 duration: ${value}`,
        );
      }
    }
    const formKey = attributeOf(element, 'tessera:formKey', 'camunda:formKey');
    const escalateTo = attributeOf(element, 'tessera:escalateTo');
    const assignmentRule = ruleSetId ? this.ruleSet(ruleSetId, compiled.id) : undefined;
    compiled.userTask = {
      assignee: this.attributeExpression(element, 'assignee', 'tessera:assignee', 'camunda:assignee'),
      candidateUsers: this.attributeExpression(element, 'candidate users', 'tessera:candidateUsers', 'camunda:candidateUsers'),
      candidateRoles: this.attributeExpression(element, 'candidate roles', 'tessera:candidateRoles', 'camunda:candidateGroups'),
      excludeUsers: this.attributeExpression(element, 'excluded users', 'tessera:excludeUsers'),
      ...(assignmentRule ? { assignmentRule } : {}),
      ...(formKey ? { formKey } : {}),
      dueDate: this.attributeExpression(element, 'due date', 'tessera:dueDate', 'camunda:dueDate'),
      ...(sla ? { sla } : {}),
      ...(remindEvery ? { remindEvery } : {}),
      ...(escalateTo ? { escalateTo } : {}),
      priority: this.attributeExpression(element, 'priority', 'tessera:priority', 'camunda:priority'),
      returnable: attributeOf(element, 'tessera:returnable') !== 'false',
    };
  }

  private ruleSet(id: string, elementId: string): CompiledRuleSet | undefined {
    if (this.ruleSets.has(id)) return this.ruleSets.get(id);
    const supplied = this.options.ruleSets?.[id];
    if (!supplied) {
      this.problems.add(
        'process.ruleSet.unknown',
        elementId,
        `${elementId} 引用的规则集 ${id} 不存在`,
        `${elementId} references rule set ${id}, which was not supplied`,
      );
      return undefined;
    }
    try {
      const compiled = isCompiledRuleSet(supplied) ? supplied : compileRuleSet(supplied);
      this.ruleSets.set(id, compiled);
      return compiled;
    } catch (error) {
      this.nestedDefinitionError(error, elementId, `rule set ${id}`);
      return undefined;
    }
  }

  private nestedDefinitionError(error: unknown, elementId: string, what: string): void {
    if (!(error instanceof DefinitionError)) throw error;
    for (const problem of error.problems) {
      this.problems.add(
        problem.code,
        elementId,
        `${elementId} 引用的 ${what} 有错误：${problem.message['zh-CN']}`,
        `${what} referenced by ${elementId} is invalid: ${problem.message.en}`,
      );
    }
  }

  private compileScriptTask(element: ModdleElement, compiled: ElementDefinition): void {
    const ruleSetId = attributeOf(element, 'tessera:ruleSet');
    const resultVariable = attributeOf(element, 'tessera:resultVariable', 'camunda:resultVariable');
    if (resultVariable) this.definedVariables[resultVariable] = 'any';
    if (ruleSetId) {
      const ruleSet = this.ruleSet(ruleSetId, compiled.id);
      if (ruleSet) compiled.script = { ruleSet, ...(resultVariable ? { resultVariable } : {}) };
      return;
    }
    const format = attributeOf(element, 'scriptFormat')?.toLowerCase();
    const script = typeof element.script === 'string' ? element.script : undefined;
    if (format !== 'json-logic' || script === undefined) {
      this.problems.add(
        'process.script.unsupported',
        compiled.id,
        `脚本任务 ${compiled.id} 只能使用 JSON-logic 脚本（scriptFormat="json-logic"）或 tessera:ruleSet`,
        `script task ${compiled.id} must use a JSON-logic script (scriptFormat="json-logic") or tessera:ruleSet; got ${format ?? 'no format'}`,
      );
      return;
    }
    const rule = this.expression(script, compiled.id, 'script', 'json-logic');
    if (rule) compiled.script = { rule, ...(resultVariable ? { resultVariable } : {}) };
  }

  private compileBusinessRuleTask(element: ModdleElement, compiled: ElementDefinition): void {
    const tableId = attributeOf(element, 'tessera:decisionTable', 'camunda:decisionRef');
    const resultVariable = attributeOf(element, 'tessera:resultVariable', 'camunda:resultVariable') ?? compiled.id;
    this.definedVariables[resultVariable] = 'any';
    if (!tableId) {
      this.problems.add(
        'process.decisionTable.missing',
        compiled.id,
        `业务规则任务 ${compiled.id} 没有指定决策表（tessera:decisionTable）`,
        `business-rule task ${compiled.id} names no decision table (tessera:decisionTable)`,
      );
      return;
    }
    const supplied = this.options.decisionTables?.[tableId];
    if (!supplied) {
      this.problems.add(
        'process.decisionTable.unknown',
        compiled.id,
        `${compiled.id} 引用的决策表 ${tableId} 不存在`,
        `${compiled.id} references decision table ${tableId}, which was not supplied`,
      );
      return;
    }
    let table = this.decisionTables.get(tableId);
    if (!table) {
      try {
        table = isCompiledDecisionTable(supplied) ? supplied : compileDecisionTable(supplied);
        this.decisionTables.set(tableId, table);
      } catch (error) {
        this.nestedDefinitionError(error, compiled.id, `decision table ${tableId}`);
        return;
      }
    }
    compiled.decision = { table, resultVariable };
  }

  private compileCallActivity(element: ModdleElement, compiled: ElementDefinition): void {
    const calledElement = attributeOf(element, 'calledElement');
    if (!calledElement) {
      this.problems.add(
        'process.callActivity.noCalledElement',
        compiled.id,
        `调用活动 ${compiled.id} 没有 calledElement`,
        `call activity ${compiled.id} has no calledElement`,
      );
      return;
    }
    const mappings = (types: string[]): VariableMapping[] =>
      extensionsOf(element, ...types)
        .filter((mapping) => !attributeOf(mapping, 'businessKey'))
        .map((mapping) => {
          const sourceExpression = attributeOf(mapping, 'sourceExpression');
          return {
            ...(attributeOf(mapping, 'variables') === 'all' ? { all: true } : {}),
            ...(attributeOf(mapping, 'source') ? { source: attributeOf(mapping, 'source') } : {}),
            ...(sourceExpression ? { sourceExpression: this.expression(sourceExpression, compiled.id, 'mapping') } : {}),
            ...(attributeOf(mapping, 'target') ? { target: attributeOf(mapping, 'target') } : {}),
          };
        });
    const businessKeyText =
      attributeOf(element, 'tessera:businessKey') ??
      extensionsOf(element, 'tessera:In', 'camunda:In')
        .map((mapping) => attributeOf(mapping, 'businessKey'))
        .find((value) => value !== undefined);
    compiled.call = {
      calledElement,
      ...(businessKeyText ? { businessKey: this.expression(businessKeyText, compiled.id, 'business key') } : {}),
      inputs: mappings(['tessera:In', 'camunda:In']),
      outputs: mappings(['tessera:Out', 'camunda:Out']),
    };
  }
}

function isCompiledDecisionTable(value: DecisionTableDefinition | CompiledDecisionTable): value is CompiledDecisionTable {
  return typeof (value as { evaluate?: unknown }).evaluate === 'function';
}

function isCompiledRuleSet(value: RuleSetDefinition | CompiledRuleSet): value is CompiledRuleSet {
  return typeof (value as { run?: unknown }).run === 'function';
}

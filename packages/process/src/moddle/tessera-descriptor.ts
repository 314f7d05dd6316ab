/**
 * The `tessera:` BPMN extension as a moddle package descriptor. bpmn-moddle reads it when parsing;
 * the studio's bpmn-js modeler loads the same object for its properties panel.
 */
const attribute = (name: string, type = 'String') => ({ name, isAttr: true, type });

export const tesseraModdleDescriptor = {
  name: 'Tessera',
  uri: 'http://tessera.dev/schema/bpmn/1.0',
  prefix: 'tessera',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'UserTaskProperties',
      isAbstract: true,
      extends: ['bpmn:UserTask'],
      properties: [
        attribute('assignee'),
        attribute('candidateUsers'),
        attribute('candidateRoles'),
        attribute('excludeUsers'),
        attribute('assignmentRule'),
        attribute('formKey'),
        attribute('dueDate'),
        attribute('sla'),
        attribute('remindEvery'),
        attribute('escalateTo'),
        attribute('priority'),
        attribute('returnable'),
      ],
    },
    {
      name: 'StartEventProperties',
      isAbstract: true,
      extends: ['bpmn:StartEvent'],
      properties: [attribute('initiator'), attribute('formKey')],
    },
    {
      name: 'JobProperties',
      isAbstract: true,
      extends: ['bpmn:ServiceTask', 'bpmn:SendTask'],
      properties: [attribute('jobType')],
    },
    {
      name: 'BusinessRuleTaskProperties',
      isAbstract: true,
      extends: ['bpmn:BusinessRuleTask'],
      properties: [attribute('decisionTable'), attribute('resultVariable')],
    },
    {
      name: 'ScriptTaskProperties',
      isAbstract: true,
      extends: ['bpmn:ScriptTask'],
      properties: [attribute('ruleSet'), attribute('resultVariable')],
    },
    {
      name: 'CallActivityProperties',
      isAbstract: true,
      extends: ['bpmn:CallActivity'],
      properties: [attribute('businessKey')],
    },
    {
      name: 'CorrelationProperties',
      isAbstract: true,
      extends: ['bpmn:IntermediateCatchEvent', 'bpmn:ReceiveTask', 'bpmn:BoundaryEvent', 'bpmn:StartEvent'],
      properties: [attribute('correlationKey')],
    },
    {
      name: 'MultiInstanceProperties',
      isAbstract: true,
      extends: ['bpmn:MultiInstanceLoopCharacteristics'],
      properties: [attribute('collection'), attribute('elementVariable')],
    },
    {
      name: 'InputOutput',
      superClass: ['Element'],
      properties: [
        { name: 'inputParameters', isMany: true, type: 'InputParameter' },
        { name: 'outputParameters', isMany: true, type: 'OutputParameter' },
      ],
    },
    {
      name: 'InputParameter',
      superClass: ['Element'],
      properties: [attribute('name'), { name: 'value', isBody: true, type: 'String' }],
    },
    {
      name: 'OutputParameter',
      superClass: ['Element'],
      properties: [attribute('name'), { name: 'value', isBody: true, type: 'String' }],
    },
    {
      name: 'In',
      superClass: ['Element'],
      properties: [
        attribute('source'),
        attribute('sourceExpression'),
        attribute('target'),
        attribute('variables'),
        attribute('businessKey'),
      ],
    },
    {
      name: 'Out',
      superClass: ['Element'],
      properties: [attribute('source'), attribute('sourceExpression'), attribute('target'), attribute('variables')],
    },
  ],
} as const;

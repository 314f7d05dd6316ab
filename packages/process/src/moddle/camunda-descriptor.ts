/**
 * The Camunda 7 extension elements Tessera understands (input/output parameters, call-activity
 * in/out mappings), so models drawn in Camunda Modeler deploy unchanged. Camunda attributes
 * (`camunda:assignee`, …) are not declared here: moddle refuses two extensions adding a property
 * of the same name to one BPMN type, so the compiler reads them from the element's raw attributes.
 */
const attribute = (name: string, type = 'String') => ({ name, isAttr: true, type });

export const camundaModdleDescriptor = {
  name: 'Camunda',
  uri: 'http://camunda.org/schema/1.0/bpmn',
  prefix: 'camunda',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
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
        attribute('local', 'Boolean'),
      ],
    },
    {
      name: 'Out',
      superClass: ['Element'],
      properties: [
        attribute('source'),
        attribute('sourceExpression'),
        attribute('target'),
        attribute('variables'),
        attribute('local', 'Boolean'),
      ],
    },
  ],
} as const;

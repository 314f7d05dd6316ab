import { startFormKeyOf } from './start-form';

describe('the start form of a process', () => {
  it('is the start event’s tessera or camunda form key', () => {
    expect(startFormKeyOf('<bpmn:process id="p"><bpmn:startEvent id="s" name="受理" tessera:formKey="complaint" tessera:initiator="by"></bpmn:startEvent></bpmn:process>')).toBe('complaint');
    expect(startFormKeyOf('<process><startEvent id="s" camunda:formKey="loan_application@start" /></process>')).toBe('loan_application');
  });

  it('is absent when the start event names no form', () => {
    expect(startFormKeyOf('<bpmn:startEvent id="s"/><bpmn:userTask id="t" tessera:formKey="review"/>')).toBeNull();
    expect(startFormKeyOf('<bpmn:definitions/>')).toBeNull();
  });
});

import { compile, evaluate } from '../compiler/compile';
import { operations, operationTable } from './table';

describe('the operation table', () => {
  it('documents every operation with a summary and at least one example', () => {
    for (const operation of operations) {
      expect(operation.summary.length).toBeGreaterThan(10);
      expect(operation.examples.length).toBeGreaterThan(0);
    }
  });

  it('has one entry per operation name', () => {
    expect(operationTable.size).toBe(operations.length);
  });

  it.each(operations.flatMap((operation) => operation.examples.map((example) => [operation.name, example] as const)))(
    '%s gives its documented result',
    (_name, example) => {
      expect(evaluate(example.rule, example.data, example.context)).toEqual(example.result);
      expect(compile(example.rule)(example.data, example.context)).toEqual(example.result);
    },
  );
});

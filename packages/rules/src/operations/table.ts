import { arithmeticOperations } from './arithmetic';
import { arrayOperations } from './arrays';
import { collectionOperations } from './collections';
import { comparisonOperations } from './comparison';
import { dataAccessOperations } from './data-access';
import { dateOperations } from './dates';
import { iterationOperations } from './iteration';
import { logicOperations } from './logic';
import { moneyOperations } from './money';
import type { Operation } from './operation';
import { stringOperations } from './strings';

/** Every operation a rule may use, by name: the standard json-logic set first, then Tessera's. */
export const operations: readonly Operation[] = [
  ...logicOperations,
  ...comparisonOperations,
  ...arithmeticOperations,
  ...dataAccessOperations,
  ...iterationOperations,
  ...collectionOperations,
  ...dateOperations,
  ...moneyOperations,
  ...stringOperations,
  ...arrayOperations,
];

/** A Map, so that names such as `constructor` or `__proto__` never resolve to anything. */
export const operationTable: ReadonlyMap<string, Operation> = new Map(operations.map((operation) => [operation.name, operation]));

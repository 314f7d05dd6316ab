/** Every rule operation with an SQL translation, one entry each; anything else is a translation error. */
import type { Operation } from '../rule-to-sql';
import { divide, extreme, minus, modulo, sumOrProduct } from './arithmetic';
import { comparison } from './comparison';
import { daysBetween, now, temporalComparison, today } from './dates';
import { doubleNot, logic, not } from './logic';
import { contains, membership } from './membership';
import { moneyComparison } from './money';
import { concatenate, length, textTest } from './text';
import { variable } from './variables';

export const operations: Record<string, Operation> = {
  startsWith: textTest((value, fragment) => `starts_with(${value}, ${fragment})`),
  endsWith: textTest((value, fragment) => `right(${value}, char_length(${fragment})) = ${fragment}`),
  contains,
  length,
  'money<': moneyComparison('<'),
  'money<=': moneyComparison('<='),
  'money>': moneyComparison('>'),
  'money>=': moneyComparison('>='),
  'money==': moneyComparison('='),
  isBefore: temporalComparison('<'),
  isAfter: temporalComparison('>'),
  daysBetween,
  now,
  today,
  var: variable,
  '==': comparison('=='),
  '===': comparison('==='),
  '!=': comparison('!='),
  '!==': comparison('!=='),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
  '!': not,
  '!!': doubleNot,
  and: logic('and'),
  or: logic('or'),
  in: membership,
  '+': sumOrProduct('+'),
  '*': sumOrProduct('*'),
  '-': minus,
  '/': divide,
  '%': modulo,
  min: extreme('LEAST'),
  max: extreme('GREATEST'),
  cat: concatenate,
};

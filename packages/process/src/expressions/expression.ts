import { compile, RuleError } from '@tessera/rules';
import type { Expression } from '../definition/types';
import { ExpressionSyntaxError, isJuelTemplate, translateJuel } from './juel';

export class ExpressionError extends Error {}

/** The JSON-logic behind a compiled expression, kept for static checks; literals have none. */
export function ruleOf(expression: Expression): unknown {
  return (expression as Expression & { rule?: unknown }).rule;
}

function compileRule(rule: unknown): Expression {
  try {
    const compiled = compile(rule);
    return Object.assign((variables: Record<string, unknown>, now: string) => compiled(variables, { now }), { rule });
  } catch (error) {
    if (error instanceof RuleError) throw new ExpressionError(error.message);
    throw error;
  }
}

/**
 * Compiles an expression body as found in BPMN: JSON-logic when the language says so (or the text
 * is a JSON object/array), a `${…}` JUEL subset translated to JSON-logic, otherwise a literal.
 */
export function compileExpression(text: string, language?: string, { ruleRequired = false } = {}): Expression {
  const trimmed = text.trim();
  const lang = language?.toLowerCase();
  if (lang === 'json-logic' || lang === 'jsonlogic' || (!lang && /^[[{]/.test(trimmed))) {
    let rule: unknown;
    try {
      rule = JSON.parse(trimmed);
    } catch {
      throw new ExpressionError(`not valid JSON-logic: ${trimmed.slice(0, 80)}`);
    }
    return compileRule(rule);
  }
  if (lang && !['juel', 'javascript-free', '${}'].includes(lang)) {
    throw new ExpressionError(`expression language "${language}" is not supported (use json-logic or \${…})`);
  }
  if (isJuelTemplate(trimmed)) {
    try {
      return compileRule(translateJuel(trimmed));
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) throw new ExpressionError(error.message);
      throw error;
    }
  }
  // A condition written as bare text would be a constant string, true for ever: refuse it.
  if (ruleRequired) throw new ExpressionError(`"${trimmed.slice(0, 80)}" is neither \${…} nor JSON-logic`);
  return () => text;
}

/** Attribute values: literal unless they carry `${…}` (or are JSON-logic objects). */
export function compileAttribute(text: string | undefined): Expression | undefined {
  if (text === undefined || text === '') return undefined;
  return compileExpression(text);
}

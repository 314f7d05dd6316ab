import type { Literal } from './literal-comparison';
import { passes, type UnaryTest } from './unary-tests';

/**
 * Static analysis of a table's conditions. Each input's value range is cut into representative
 * values — every literal the cells mention, a value between each two, one beyond each end, and
 * "some other text" — so that every cell is either true or false on each piece. Rows are then
 * compared piece by piece: two UNIQUE rows overlap when both hold on some piece of every input;
 * a combination of pieces no row holds on is a gap; a FIRST row whose pieces are all taken by
 * earlier rows is unreachable. Cells that are rules on the whole data are unknown to the analysis:
 * they never prove an overlap or an unreachable row, and never leave a gap.
 */
export interface Representative {
  value: unknown;
  /** How the piece reads in a message, e.g. `between 18 and 60`. */
  describe: { 'zh-CN': string; en: string };
  absent?: boolean;
}

type Truth = true | false | 'unknown';

export interface AnalysedRow {
  /** Per input: the cell's tests, or null for a rule cell. */
  cells: (UnaryTest[] | null)[];
}

const otherText = '\uffff';
const maxCombinations = 50_000;

function collectLiterals(tests: readonly UnaryTest[], into: Literal[]): void {
  for (const test of tests) {
    if (test.kind === 'compare') into.push(test.literal);
    else if (test.kind === 'range') into.push(test.low, test.high);
    else if (test.kind === 'not') collectLiterals(test.tests, into);
  }
}

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

export function representativesOf(cells: readonly (UnaryTest[] | null)[], allowedValues?: readonly unknown[]): Representative[] {
  const pieces: Representative[] = [{ value: null, describe: { 'zh-CN': '为空', en: 'is empty' }, absent: true }];
  if (allowedValues) {
    for (const value of allowedValues) pieces.push({ value, describe: { 'zh-CN': `= ${show(value)}`, en: `= ${show(value)}` } });
    return pieces;
  }
  const literals: Literal[] = [];
  for (const cell of cells) if (cell) collectLiterals(cell, literals);
  const numbers = [...new Set(literals.filter((literal): literal is number => typeof literal === 'number'))].sort((a, b) => a - b);
  const strings = [...new Set(literals.filter((literal): literal is string => typeof literal === 'string'))].sort();
  if (literals.some((literal) => typeof literal === 'boolean')) {
    pieces.push({ value: true, describe: { 'zh-CN': '= true', en: '= true' } }, { value: false, describe: { 'zh-CN': '= false', en: '= false' } });
  }
  numbers.forEach((number, index) => {
    if (index === 0) pieces.push({ value: number - 1, describe: { 'zh-CN': `< ${number}`, en: `< ${number}` } });
    pieces.push({ value: number, describe: { 'zh-CN': `= ${number}`, en: `= ${number}` } });
    const next = numbers[index + 1];
    if (next !== undefined) {
      pieces.push({ value: (number + next) / 2, describe: { 'zh-CN': `介于 ${number} 与 ${next} 之间`, en: `between ${number} and ${next}` } });
    } else {
      pieces.push({ value: number + 1, describe: { 'zh-CN': `> ${number}`, en: `> ${number}` } });
    }
  });
  for (const text of strings) {
    pieces.push({ value: text, describe: { 'zh-CN': `= ${show(text)}`, en: `= ${show(text)}` } });
    // Just above the literal, for string ranges such as > "2026-01-01".
    pieces.push({ value: `${text}\u0000`, describe: { 'zh-CN': `略大于 ${show(text)}`, en: `just after ${show(text)}` } });
  }
  if (strings.length > 0 && !strings.includes('')) pieces.push({ value: '', describe: { 'zh-CN': '= ""', en: '= ""' } });
  // Text other than the literals, unless the input is plainly numeric or boolean.
  const numericOrBoolean = strings.length === 0 && pieces.length > 1;
  if (!numericOrBoolean) pieces.push({ value: otherText, describe: { 'zh-CN': '为其他值', en: 'is any other value' } });
  return pieces;
}

function cellTruth(cell: UnaryTest[] | null, value: unknown): Truth {
  if (!cell) return 'unknown';
  return passes(cell, value, undefined, undefined as never);
}

export interface CoverageReport {
  /** Pairs of rows that both hold on some combination, with that combination. */
  overlaps: { first: number; second: number; witness: Representative[] }[];
  gaps: Representative[][];
  /** Rows (FIRST) that earlier rows always take first, and rows that can never hold. */
  unreachable: { row: number; neverMatches: boolean }[];
  tooComplex: boolean;
}

export function analyseCoverage(
  rows: readonly AnalysedRow[],
  pieces: readonly Representative[][],
  options: { overlaps: boolean; gaps: boolean; shadowing: boolean },
): CoverageReport {
  const report: CoverageReport = { overlaps: [], gaps: [], unreachable: [], tooComplex: false };
  const inputCount = pieces.length;
  // truth[row][input][piece]
  const truth = rows.map((row) => pieces.map((inputPieces, input) => inputPieces.map((piece) => cellTruth(row.cells[input]!, piece.value))));

  if (options.overlaps) {
    for (let first = 0; first < rows.length; first++) {
      for (let second = first + 1; second < rows.length; second++) {
        const witness: Representative[] = [];
        for (let input = 0; input < inputCount; input++) {
          const shared = pieces[input]!.findIndex((_, piece) => truth[first]![input]![piece] === true && truth[second]![input]![piece] === true);
          if (shared < 0) break;
          witness.push(pieces[input]![shared]!);
        }
        if (witness.length === inputCount) report.overlaps.push({ first, second, witness });
      }
    }
  }

  const combinations = pieces.reduce((product, inputPieces) => product * inputPieces.length, 1);
  if (combinations > maxCombinations) {
    report.tooComplex = options.gaps || options.shadowing;
    return report;
  }

  const rowTruth = (row: number, combination: readonly number[]): Truth => {
    let result: Truth = true;
    for (let input = 0; input < inputCount; input++) {
      const value = truth[row]![input]![combination[input]!];
      if (value === false) return false;
      if (value === 'unknown') result = 'unknown';
    }
    return result;
  };

  const forEachCombination = (choices: readonly number[][], visit: (combination: number[]) => boolean | void) => {
    const combination = new Array<number>(inputCount).fill(0);
    const walk = (input: number): boolean => {
      if (input === inputCount) return visit([...combination]) === false;
      for (const piece of choices[input]!) {
        combination[input] = piece;
        if (walk(input + 1)) return true;
      }
      return false;
    };
    walk(0);
  };

  if (options.gaps) {
    // Absent inputs are left out: whether an empty field should decide anything is the table's business.
    const choices = pieces.map((inputPieces) => inputPieces.flatMap((piece, index) => (piece.absent ? [] : [index])));
    forEachCombination(choices, (combination) => {
      if (rows.every((_, row) => rowTruth(row, combination) === false)) {
        report.gaps.push(combination.map((piece, input) => pieces[input]![piece]!));
        if (report.gaps.length >= 5) return false;
      }
    });
  }

  if (options.shadowing) {
    rows.forEach((row, index) => {
      if (row.cells.some((cell) => cell === null)) return;
      const choices = pieces.map((inputPieces, input) => inputPieces.flatMap((_, piece) => (truth[index]![input]![piece] === true ? [piece] : [])));
      if (choices.some((choice) => choice.length === 0)) {
        report.unreachable.push({ row: index, neverMatches: true });
        return;
      }
      let shadowed = true;
      forEachCombination(choices, (combination) => {
        for (let earlier = 0; earlier < index; earlier++) if (rowTruth(earlier, combination) === true) return;
        shadowed = false;
        return false;
      });
      if (shadowed && index > 0) report.unreachable.push({ row: index, neverMatches: false });
    });
  }
  return report;
}

export function describeCombination(
  inputs: readonly { id: string }[],
  combination: readonly Representative[],
): { 'zh-CN': string; en: string } {
  return {
    'zh-CN': combination.map((piece, input) => `${inputs[input]!.id} ${piece.describe['zh-CN']}`).join('，'),
    en: combination.map((piece, input) => `${inputs[input]!.id} ${piece.describe.en}`).join(', '),
  };
}


import type { ProblemList } from './problems';

const unparsable = /unparsable content <([^>]+)> detected[\s\S]*?line: (\d+)[\s\S]*?column: (\d+)[\s\S]*?nested error: ([^\n]*)/;

export interface ParseWarning {
  message: string;
  element?: { id?: string };
  property?: string;
}

/** Turns a bpmn-moddle warning into a problem naming the element, read from the XML at the reported position. */
export function reportParseWarning(warning: ParseWarning, xml: string, problems: ProblemList): void {
  const { message } = warning;
  const unknownAttribute = /^unknown attribute <([^>]+)>/.exec(message);
  if (unknownAttribute) {
    // Camunda attributes are read raw; other vendors' attributes (colours, layout) are not ours to judge.
    if (!unknownAttribute[1]!.startsWith('tessera:')) return;
    problems.add(
      'process.attribute.unknown',
      warning.element?.id,
      `未知的 Tessera 属性 ${unknownAttribute[1]}`,
      `unknown Tessera attribute ${unknownAttribute[1]}`,
    );
    return;
  }
  const duplicate = /duplicate ID <([^>]+)>/.exec(message);
  const found = unparsable.exec(message);
  let elementId: string | undefined;
  if (found) {
    const lines = xml.split('\n');
    const line = lines[Number(found[2])] ?? '';
    const tagText = line.slice(Number(found[3])).split('>')[0] ?? '';
    elementId = /\sid="([^"]*)"/.exec(tagText)?.[1];
  }
  if (duplicate) {
    problems.add('process.id.duplicate', duplicate[1], `元素 id 重复：${duplicate[1]}`, `duplicate element id ${duplicate[1]}`);
    return;
  }
  const unresolved = /unresolved reference <([^>]+)>/.exec(message);
  if (unresolved) {
    problems.add(
      'process.reference.unresolved',
      unresolved[1],
      `引用了不存在的元素：${unresolved[1]}`,
      `reference to a missing element: ${unresolved[1]}`,
    );
    return;
  }
  if (found) {
    const unknownType = /unknown type <([^>]+)>/.exec(found[4] ?? '');
    problems.add(
      'process.element.unsupported',
      elementId,
      `不支持的元素 <${found[1]}>${unknownType ? `（未知类型 ${unknownType[1]}）` : ''}`,
      `unsupported element <${found[1]}>${unknownType ? ` (unknown type ${unknownType[1]})` : ''}: ${found[4]}`,
    );
    return;
  }
  problems.add('process.xml.warning', elementId, `BPMN 解析问题：${message}`, `BPMN parse problem: ${message}`);
}

import type { Problem } from '@tessera/rules';

/**
 * A strict, linear-time check that a document is well-formed XML 1.0, run before bpmn-moddle sees
 * it: bpmn-moddle's parser repairs what it does not understand (a raw `<` in an attribute value, a
 * bare `&`, a second root, a wrong end tag), and a definition must never run as such a guess.
 *
 * One pass over the text, no backtracking; every loop advances the position. The first fault wins:
 * past a well-formedness error XML has no reliable reading, so nothing after it is judged.
 * Document type declarations are refused outright (BPMN never needs them, and their entities are
 * how XML bombs work), so the only entities are the five XML predefines.
 */

/** Longer documents are refused before they are scanned (characters, i.e. UTF-16 code units). */
export const maxXmlLength = 16 * 1024 * 1024;
/** Deeper element nesting is refused; real BPMN stays well under 30. */
export const maxXmlDepth = 256;

export interface XmlFault {
  /** Offset in the text where the fault is. */
  offset: number;
  code: string;
  zh: string;
  en: string;
  /** The element the fault is in (its own id when the fault is in its start tag), when it has an id. */
  elementId?: string;
}

const predefinedEntities = ['lt', 'gt', 'amp', 'quot', 'apos'];

/** Whether `xml[from, to)` is the name of one of the five entities XML predefines. */
function isPredefinedEntity(xml: string, from: number, to: number): boolean {
  const length = to - from;
  return predefinedEntities.some((name) => name.length === length && xml.startsWith(name, from));
}

const elementName = { zh: '元素名', en: 'an element name' };
const attributeName = { zh: '属性名', en: 'an attribute name' };
const endTagName = { zh: '结束标签中的元素名', en: 'an element name in the end tag' };
const piTarget = { zh: '处理指令名', en: 'a processing instruction target' };

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const BRACKET_CLOSE = 0x5d;
const HYPHEN = 0x2d;

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    /** The fault lies in a start tag whose own id may come after it. */
    readonly inStartTag = false,
  ) {
    super(en);
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

function isNameStart(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function isNameChar(c: number): boolean {
  if (c < 0x80) {
    return (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      c === 0x3a ||
      c === HYPHEN ||
      c === 0x2e
    );
  }
  return isNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** Whether a code point is an XML 1.0 `Char`. */
function isXmlChar(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  if (codePoint <= 0xd7ff) return true;
  if (codePoint < 0xe000) return false;
  if (codePoint <= 0xfffd) return true;
  return codePoint >= 0x10000 && codePoint <= 0x10ffff;
}

/** Names as messages show them: a name longer than 40 characters is cut. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function describeChar(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

class Scanner {
  private pos = 0;
  /** Names, start offsets and ids of the open elements, innermost last. */
  private readonly openNames: string[] = [];
  private readonly openOffsets: number[] = [];
  private readonly openIds: (string | undefined)[] = [];
  private readonly attributeNames = new Set<string>();
  /** The id of the start tag being read, once its `id` attribute has been read. */
  private tagId: string | undefined;

  constructor(private readonly xml: string) {}

  scan(): void {
    const { xml } = this;
    if (xml.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (xml.startsWith('<?xml', this.pos) && !isNameChar(xml.charCodeAt(this.pos + 5))) this.declaration();
    this.misc(false);
    if (this.pos >= xml.length)
      throw new Fault(this.pos, 'process.xml.noRoot', '文件中没有根元素', 'the document has no root element');
    this.startTag();
    while (this.openNames.length > 0) this.content();
    this.misc(true);
  }

  /** The innermost element with an id, for naming where a fault is. */
  elementId(fault: Fault): string | undefined {
    // An id too long to be one is not repeated back.
    const usable = (id: string | undefined): id is string => id !== undefined && id.length > 0 && id.length <= 200;
    if (fault.inStartTag) {
      if (usable(this.tagId)) return this.tagId;
      const rest = this.xml.slice(fault.offset, fault.offset + 2048);
      const end = rest.indexOf('>');
      const found = /\sid\s*=\s*(["'])([^"'<>&]*)\1/.exec(end >= 0 ? rest.slice(0, end) : rest)?.[2];
      if (usable(found)) return found;
    }
    for (let index = this.openIds.length - 1; index >= 0; index -= 1) {
      const id = this.openIds[index];
      if (usable(id)) return id;
    }
    return undefined;
  }

  /** The XML declaration at the very start (after a byte-order mark). */
  private declaration(): void {
    const { xml } = this;
    const start = this.pos;
    const bad = (at: number, zh: string, en: string) =>
      new Fault(at, 'process.xml.declaration', `XML 声明格式不正确：${zh}`, `the XML declaration is malformed: ${en}`);
    this.pos += 5;
    const pseudo = (name: string, required: boolean, valid: (value: string) => boolean, expected: string): boolean => {
      const before = this.pos;
      this.skipSpace();
      if (!xml.startsWith(name, this.pos)) {
        if (required) throw bad(this.pos, `缺少 ${name}`, `${name} is missing`);
        this.pos = before;
        return false;
      }
      if (this.pos === before) throw bad(before, `${name} 前缺少空白`, `no space before ${name}`);
      this.pos += name.length;
      this.skipSpace();
      if (xml.charCodeAt(this.pos) !== EQUALS) throw bad(this.pos, `${name} 后缺少 =`, `no = after ${name}`);
      this.pos += 1;
      this.skipSpace();
      const quote = xml.charCodeAt(this.pos);
      if (quote !== QUOTE && quote !== APOSTROPHE)
        throw bad(this.pos, `${name} 的值缺少引号`, `the value of ${name} is not quoted`);
      const close = xml.indexOf(String.fromCharCode(quote), this.pos + 1);
      const value = close < 0 ? '' : xml.slice(this.pos + 1, close);
      if (close < 0 || close - this.pos > 64 || !valid(value)) {
        throw bad(this.pos, `${name} 的值应为 ${expected}`, `${name} must be ${expected}`);
      }
      this.pos = close + 1;
      return true;
    };
    pseudo('version', true, (value) => /^1\.[0-9]+$/.test(value), '1.x');
    pseudo('encoding', false, (value) => /^[A-Za-z][A-Za-z0-9._-]*$/.test(value), 'an encoding name');
    pseudo('standalone', false, (value) => value === 'yes' || value === 'no', 'yes or no');
    this.skipSpace();
    if (!xml.startsWith('?>', this.pos)) {
      throw bad(this.pos === xml.length ? start : this.pos, '应以 ?> 结束', 'it must end with ?>');
    }
    this.pos += 2;
  }

  /** Comments, processing instructions and white space before or after the root element. */
  private misc(afterRoot: boolean): void {
    const { xml } = this;
    while (this.pos < xml.length) {
      const c = xml.charCodeAt(this.pos);
      if (isSpace(c)) {
        this.pos += 1;
        continue;
      }
      if (c === LT) {
        const next = xml.charCodeAt(this.pos + 1);
        if (next === QUESTION) {
          this.processingInstruction();
          continue;
        }
        if (next === BANG && xml.startsWith('<!--', this.pos)) {
          this.comment();
          continue;
        }
        if (next === BANG && xml.startsWith('<!DOCTYPE', this.pos)) {
          throw new Fault(
            this.pos,
            'process.xml.doctype',
            '不接受文档类型声明（DOCTYPE）',
            'document type declarations (DOCTYPE) are not accepted',
          );
        }
        if (!afterRoot && next !== BANG) return;
      }
      if (afterRoot) {
        throw new Fault(
          this.pos,
          'process.xml.afterRoot',
          '根元素结束后只能有空白、注释或处理指令（多余的文本或第二个根元素）',
          'only white space, comments or processing instructions may follow the root element (found text or a second root)',
        );
      }
      throw new Fault(
        this.pos,
        'process.xml.beforeRoot',
        '根元素之前只能有 XML 声明、空白、注释或处理指令',
        'only the XML declaration, white space, comments or processing instructions may precede the root element',
      );
    }
  }

  /** Character data and markup inside the innermost open element, up to and including one piece of markup. */
  private content(): void {
    const { xml } = this;
    const textStart = this.pos;
    const { length } = xml;
    let at = this.pos;
    while (at < length) {
      const c = xml.charCodeAt(at);
      if (c === LT) break;
      if (c === AMP) {
        at = this.reference(at, false);
        continue;
      }
      if (
        c === GT &&
        at - textStart >= 2 &&
        xml.charCodeAt(at - 1) === BRACKET_CLOSE &&
        xml.charCodeAt(at - 2) === BRACKET_CLOSE
      ) {
        throw new Fault(at - 2, 'process.xml.syntax', '文本中不能出现 ]]>', ']]> may not appear in text');
      }
      at = c < 0x20 || c >= 0xd800 ? this.checkChar(at) : at + 1;
    }
    this.pos = at;
    if (at >= length) {
      const index = this.openNames.length - 1;
      throw new Fault(
        this.openOffsets[index]!,
        'process.xml.unclosed',
        `元素 <${clip(this.openNames[index]!)}> 没有结束标签`,
        `the element <${clip(this.openNames[index]!)}> is never closed`,
      );
    }
    const next = xml.charCodeAt(at + 1);
    if (next === SLASH) this.endTag();
    else if (next === QUESTION) this.processingInstruction();
    else if (next === BANG) {
      if (xml.startsWith('<!--', at)) this.comment();
      else if (xml.startsWith('<![CDATA[', at)) this.cdata();
      else throw new Fault(at, 'process.xml.syntax', '无法识别的 <! 标记', 'unrecognised <! markup');
    } else this.startTag();
  }

  /** Checks the character at `at` (a control character or a surrogate) and returns the offset after it. */
  private checkChar(at: number, inStartTag = false): number {
    const c = this.xml.charCodeAt(at);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = this.xml.charCodeAt(at + 1);
      if (low >= 0xdc00 && low <= 0xdfff) return at + 2;
    } else if (isXmlChar(c)) return at + 1;
    throw new Fault(
      at,
      'process.xml.char',
      `XML 中不允许的字符 ${describeChar(c)}`,
      `the character ${describeChar(c)} is not allowed in XML`,
      inStartTag,
    );
  }

  /** Checks every character from `from` to `to` (exclusive). */
  private checkChars(from: number, to: number): void {
    let at = from;
    while (at < to) {
      const c = this.xml.charCodeAt(at);
      at = c < 0x20 || c >= 0xd800 ? this.checkChar(at) : at + 1;
    }
  }

  /** An entity or character reference at `at` (the `&`); returns the offset after its `;`. */
  private reference(at: number, inAttribute: boolean): number {
    const { xml } = this;
    let cursor = at + 1;
    if (xml.charCodeAt(cursor) === HASH) {
      cursor += 1;
      const hex = xml.charCodeAt(cursor) === 0x78;
      if (hex) cursor += 1;
      const digitsStart = cursor;
      let value = 0;
      for (;;) {
        const c = xml.charCodeAt(cursor);
        const digit =
          c >= 0x30 && c <= 0x39
            ? c - 0x30
            : hex && c >= 0x61 && c <= 0x66
              ? c - 0x57
              : hex && c >= 0x41 && c <= 0x46
                ? c - 0x37
                : -1;
        if (digit < 0) break;
        // Capped so a long run of digits cannot overflow; anything past 0x10FFFF is refused below anyway.
        value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000);
        cursor += 1;
      }
      if (cursor === digitsStart || xml.charCodeAt(cursor) !== SEMICOLON) throw this.bareAmpersand(at, inAttribute);
      if (!isXmlChar(value)) {
        const text = clip(xml.slice(at, Math.min(cursor + 1, at + 60)));
        throw new Fault(
          at,
          'process.xml.charRef',
          `字符引用 ${text} 指向 XML 中不允许的字符`,
          `the character reference ${text} names a character XML does not allow`,
          inAttribute,
        );
      }
      return cursor + 1;
    }
    if (!isNameStart(xml.charCodeAt(cursor))) throw this.bareAmpersand(at, inAttribute);
    cursor += 1;
    while (cursor < xml.length && isNameChar(xml.charCodeAt(cursor))) cursor += 1;
    if (xml.charCodeAt(cursor) !== SEMICOLON) throw this.bareAmpersand(at, inAttribute);
    if (!isPredefinedEntity(xml, at + 1, cursor)) {
      const name = clip(xml.slice(at + 1, Math.min(cursor, at + 60)));
      throw new Fault(
        at,
        'process.xml.entityUndefined',
        `未定义的实体 &${name};（只有 &lt; &gt; &amp; &quot; &apos;）`,
        `the entity &${name}; is not defined (only &lt; &gt; &amp; &quot; &apos; are)`,
        inAttribute,
      );
    }
    return cursor + 1;
  }

  private bareAmpersand(at: number, inAttribute: boolean): Fault {
    return new Fault(
      at,
      'process.xml.ampersand',
      '& 必须开始一个实体或字符引用（& 本身应写作 &amp;）',
      '& must start an entity or character reference (write & itself as &amp;)',
      inAttribute,
    );
  }

  private name(what: { zh: string; en: string }, inStartTag = false): string {
    const { xml } = this;
    const start = this.pos;
    if (!isNameStart(xml.charCodeAt(start))) {
      const c = xml.charCodeAt(start);
      const found = Number.isNaN(c) ? 'the end of the document' : `"${xml[start]}"`;
      throw new Fault(
        start,
        'process.xml.syntax',
        `此处应为${what.zh}`,
        `expected ${what.en}, found ${found}`,
        inStartTag,
      );
    }
    let at = start + 1;
    while (at < xml.length && isNameChar(xml.charCodeAt(at))) at += 1;
    this.pos = at;
    return xml.slice(start, at);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (isSpace(this.xml.charCodeAt(this.pos))) this.pos += 1;
    return this.pos > start;
  }

  private startTag(): void {
    const { xml } = this;
    const tagStart = this.pos;
    this.pos += 1;
    const name = this.name(elementName);
    this.attributeNames.clear();
    this.tagId = undefined;
    for (;;) {
      const spaced = this.skipSpace();
      const c = xml.charCodeAt(this.pos);
      if (c === GT) {
        this.pos += 1;
        this.open(name, tagStart);
        return;
      }
      if (c === SLASH) {
        if (xml.charCodeAt(this.pos + 1) !== GT)
          throw new Fault(this.pos, 'process.xml.syntax', '/ 之后应为 >', 'expected > after /', true);
        this.pos += 2;
        if (this.openNames.length >= maxXmlDepth) this.tooDeep(tagStart);
        return;
      }
      if (Number.isNaN(c)) {
        throw new Fault(
          tagStart,
          'process.xml.unclosed',
          `开始标签 <${clip(name)} 没有结束`,
          `the start tag <${clip(name)} is never finished`,
          true,
        );
      }
      if (!spaced) {
        throw new Fault(
          this.pos,
          'process.xml.syntax',
          '属性之前应有空白，或以 > 结束标签',
          'expected white space before an attribute, or > to end the tag',
          true,
        );
      }
      this.attribute(name);
    }
  }

  private attribute(element: string): void {
    const { xml } = this;
    const nameStart = this.pos;
    const name = this.name(attributeName, true);
    if (this.attributeNames.has(name)) {
      throw new Fault(
        nameStart,
        'process.xml.attributeDuplicate',
        `元素 <${clip(element)}> 的属性 ${clip(name)} 重复`,
        `the attribute ${clip(name)} appears twice on <${clip(element)}>`,
        true,
      );
    }
    this.attributeNames.add(name);
    this.skipSpace();
    if (xml.charCodeAt(this.pos) !== EQUALS)
      throw new Fault(
        this.pos,
        'process.xml.syntax',
        `属性 ${clip(name)} 之后应为 =`,
        `expected = after the attribute ${clip(name)}`,
        true,
      );
    this.pos += 1;
    this.skipSpace();
    const quote = xml.charCodeAt(this.pos);
    if (quote !== QUOTE && quote !== APOSTROPHE) {
      throw new Fault(
        this.pos,
        'process.xml.syntax',
        `属性 ${clip(name)} 的值应放在引号中`,
        `the value of the attribute ${clip(name)} must be quoted`,
        true,
      );
    }
    const valueStart = this.pos + 1;
    let at = valueStart;
    for (;;) {
      const c = xml.charCodeAt(at);
      if (c === quote) break;
      if (c === LT) {
        throw new Fault(
          at,
          'process.xml.ltInAttribute',
          `属性 ${clip(name)} 的值中不能有未转义的 <（应写作 &lt;）`,
          `a raw < in the value of the attribute ${clip(name)} (write &lt;)`,
          true,
        );
      }
      if (c === AMP) {
        at = this.reference(at, true);
        continue;
      }
      if (Number.isNaN(c)) {
        throw new Fault(
          valueStart - 1,
          'process.xml.unclosed',
          `属性 ${clip(name)} 的值没有结束引号`,
          `the value of the attribute ${clip(name)} has no closing quote`,
          true,
        );
      }
      at = c < 0x20 || c >= 0xd800 ? this.checkChar(at, true) : at + 1;
    }
    if (name === 'id') this.tagId = xml.slice(valueStart, at);
    this.pos = at + 1;
  }

  private open(name: string, tagStart: number): void {
    if (this.openNames.length >= maxXmlDepth) this.tooDeep(tagStart);
    this.openNames.push(name);
    this.openOffsets.push(tagStart);
    this.openIds.push(this.tagId);
    this.tagId = undefined;
  }

  private tooDeep(tagStart: number): never {
    throw new Fault(
      tagStart,
      'process.xml.tooDeep',
      `元素嵌套超过 ${maxXmlDepth} 层`,
      `elements are nested more than ${maxXmlDepth} deep`,
    );
  }

  private endTag(): void {
    const { xml } = this;
    const tagStart = this.pos;
    this.pos += 2;
    const name = this.name(endTagName);
    this.skipSpace();
    if (xml.charCodeAt(this.pos) !== GT)
      throw new Fault(
        this.pos,
        'process.xml.syntax',
        `结束标签 </${clip(name)} 应以 > 结束`,
        `the end tag </${clip(name)} must end with >`,
      );
    const open = this.openNames[this.openNames.length - 1]!;
    if (name !== open) {
      throw new Fault(
        tagStart,
        'process.xml.tagMismatch',
        `结束标签 </${clip(name)}> 与开始标签 <${clip(open)}>（第 ${lineColumn(xml, this.openOffsets[this.openOffsets.length - 1]!).line} 行）不匹配`,
        `the end tag </${clip(name)}> does not match the start tag <${clip(open)}> (line ${lineColumn(xml, this.openOffsets[this.openOffsets.length - 1]!).line})`,
      );
    }
    this.pos += 1;
    this.openNames.pop();
    this.openOffsets.pop();
    this.openIds.pop();
  }

  private comment(): void {
    const { xml } = this;
    const start = this.pos;
    const dashes = xml.indexOf('--', start + 4);
    if (dashes < 0)
      throw new Fault(start, 'process.xml.unclosed', '注释没有以 --> 结束', 'the comment is never closed with -->');
    if (xml.charCodeAt(dashes + 2) !== GT)
      throw new Fault(dashes, 'process.xml.syntax', '注释中不能有 --', '-- may not appear inside a comment');
    this.checkChars(start + 4, dashes);
    this.pos = dashes + 3;
  }

  private cdata(): void {
    const { xml } = this;
    const start = this.pos;
    const end = xml.indexOf(']]>', start + 9);
    if (end < 0)
      throw new Fault(
        start,
        'process.xml.unclosed',
        'CDATA 段没有以 ]]> 结束',
        'the CDATA section is never closed with ]]>',
      );
    this.checkChars(start + 9, end);
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const { xml } = this;
    const start = this.pos;
    this.pos += 2;
    const target = this.name(piTarget);
    if (target.toLowerCase() === 'xml') {
      throw new Fault(
        start,
        'process.xml.declaration',
        'XML 声明只能出现在文件最开头（之前不能有空白或其他内容）',
        'the XML declaration may only stand at the very start of the document (nothing, not even white space, before it)',
      );
    }
    const end = xml.indexOf('?>', this.pos);
    if (end < 0)
      throw new Fault(
        start,
        'process.xml.unclosed',
        '处理指令没有以 ?> 结束',
        'the processing instruction is never closed with ?>',
      );
    if (end > this.pos && !isSpace(xml.charCodeAt(this.pos))) {
      throw new Fault(
        this.pos,
        'process.xml.syntax',
        '处理指令名之后应为空白或 ?>',
        'expected white space or ?> after the processing instruction target',
      );
    }
    this.checkChars(this.pos, end);
    this.pos = end + 2;
  }
}

/** 1-based line and column of an offset; CRLF and a lone CR end a line as LF does, a leading BOM takes no column. */
export function lineColumn(xml: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = Math.min(offset, xml.length);
  for (let at = lineStart; at < end; at += 1) {
    const c = xml.charCodeAt(at);
    if (c === 0x0a || (c === 0x0d && xml.charCodeAt(at + 1) !== 0x0a)) {
      line += 1;
      lineStart = at + 1;
    }
  }
  let column = 1;
  for (let at = lineStart; at < end; at += 1) {
    const c = xml.charCodeAt(at);
    // A surrogate pair is one character; CR before LF is part of the line end.
    if (!(c >= 0xdc00 && c <= 0xdfff && at > lineStart) && c !== 0x0d) column += 1;
  }
  return { line, column };
}

/** The first well-formedness fault of the document, or undefined when it is well-formed XML 1.0. */
export function findXmlFault(xml: string): XmlFault | undefined {
  if (xml.length > maxXmlLength) {
    return {
      offset: 0,
      code: 'process.xml.tooLarge',
      zh: `文件超过 ${maxXmlLength} 个字符`,
      en: `the document is longer than ${maxXmlLength} characters`,
    };
  }
  const scanner = new Scanner(xml);
  try {
    scanner.scan();
    return undefined;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    const elementId = scanner.elementId(error);
    return { offset: error.offset, code: error.code, zh: error.zh, en: error.en, ...(elementId ? { elementId } : {}) };
  }
}

/** The fault as a definition problem: `path` is `line:column`, the message names both and the element when known. */
export function xmlFaultProblem(xml: string, fault: XmlFault): Problem {
  const { line, column } = lineColumn(xml, fault.offset);
  const inElement = fault.elementId
    ? { zh: `（元素 ${fault.elementId}）`, en: ` (element ${fault.elementId})` }
    : { zh: '', en: '' };
  return {
    code: fault.code,
    path: `${line}:${column}`,
    ...(fault.elementId ? { elementId: fault.elementId } : {}),
    message: {
      'zh-CN': `BPMN XML 格式不正确，第 ${line} 行第 ${column} 列${inElement.zh}：${fault.zh}`,
      en: `the BPMN XML is not well-formed at line ${line}, column ${column}${inElement.en}: ${fault.en}`,
    },
    severity: 'error',
  };
}

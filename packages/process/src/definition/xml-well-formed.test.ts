import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DefinitionError, type Problem } from '@tessera/rules';
import { bpmn, chain } from '../test-support/bpmn';
import { compileProcess } from './compile-process';
import { findXmlFault, lineColumn, maxXmlDepth, maxXmlLength } from './xml-well-formed';

/** Marks where a fault is expected in the sources below; never part of the XML. */
const MARK = '‸';

/** The XML without its mark, and `line:column` of the mark (counted here by splitting on LF). */
function marked(source: string): { xml: string; path: string } {
  const at = source.indexOf(MARK);
  if (at < 0 || source.indexOf(MARK, at + 1) >= 0) throw new Error('one mark expected');
  const lines = source.slice(0, at).split('\n');
  return { xml: source.replace(MARK, ''), path: `${lines.length}:${[...lines[lines.length - 1]!].length + 1}` };
}

async function problemsOf(xml: string): Promise<Problem[]> {
  try {
    await compileProcess(xml);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  throw new Error('the model compiled');
}

/** Expects exactly one problem with this code at this `line:column`, named in both languages. */
async function expectFault(xml: string, code: string, path: string, elementId?: string): Promise<Problem> {
  const problems = await problemsOf(xml);
  expect(problems).toHaveLength(1);
  const [problem] = problems as [Problem];
  expect({ code: problem.code, path: problem.path, elementId: problem.elementId }).toEqual({ code, path, elementId });
  const [line, column] = path.split(':');
  expect(problem.message.en).toContain(`line ${line}, column ${column}`);
  expect(problem.message['zh-CN']).toContain(`第 ${line} 行第 ${column} 列`);
  if (elementId) {
    expect(problem.message.en).toContain(`(element ${elementId})`);
    expect(problem.message['zh-CN']).toContain(`元素 ${elementId}`);
  }
  return problem;
}

const task = (attributes: string, body = '') =>
  bpmn(`<bpmn:startEvent id="start" />
    <bpmn:userTask id="review" ${attributes}>${body}</bpmn:userTask>
    <bpmn:endEvent id="end" />
    ${chain('f', 'start', 'review', 'end')}`);

/** A well-formed definition with every construct XML allows and BPMN files use. */
const everythingAllowed = `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone='yes'?>
<!-- exported by hand: <bpmn:process> & friends -->
<?xml-stylesheet type="text/xsl" href="view.xsl"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'
  xmlns:tessera="http://tessera.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="http://tessera.dev/test" >
  <bpmn:process id="process" isExecutable="true">
    <?tessera-note layout kept?>
    <bpmn:startEvent id="start" name='Tom &amp; Jerry &lt;3 &#x4E2D;&#25991; "q" &apos;a&apos; &quot;b&quot; a>b' />
    <bpmn:exclusiveGateway id="route" default="toSmall" name="amount &gt; 100?"/>
    <bpmn:sequenceFlow id="toRoute" sourceRef="start" targetRef="route"/>
    <bpmn:sequenceFlow id="toBig" sourceRef="route" targetRef="big">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[\${amount > 100 && amount < 1000000}]]></bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="toSmall" sourceRef="route" targetRef="small" />
    <bpmn:userTask id="big" name="Big ]] > loan" tessera:candidateRoles="credit_officer" />
    <bpmn:userTask id="small" name="Small
      loan" />
    <!-- names with dots, hyphens and underscores -->
    <bpmn:endEvent id="end.1-a_b" />
    <bpmn:sequenceFlow id="fromBig" sourceRef="big" targetRef="end.1-a_b" />
    <bpmn:sequenceFlow id="fromSmall" sourceRef="small" targetRef="end.1-a_b" />
  </bpmn:process>
</bpmn:definitions   >
<!-- trailing comment -->
`;

describe('well-formed XML before bpmn-moddle', () => {
  it('refuses a raw < inside an attribute value, naming the element even when its id comes later', async () => {
    const first = marked(task(`name="a${MARK}<b"`));
    await expectFault(first.xml, 'process.xml.ltInAttribute', first.path, 'review');
    const later = marked(bpmn(`<bpmn:userTask name="x${MARK}<y" id="late" />`));
    await expectFault(later.xml, 'process.xml.ltInAttribute', later.path, 'late');
  });

  it('refuses an & that starts no reference, in an attribute and in text', async () => {
    const inAttribute = marked(task(`name="Tom ${MARK}& Jerry"`));
    await expectFault(inAttribute.xml, 'process.xml.ampersand', inAttribute.path, 'review');
    const unterminated = marked(task(`name="a ${MARK}&amp b"`));
    await expectFault(unterminated.xml, 'process.xml.ampersand', unterminated.path, 'review');
    const inText = marked(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${a ${MARK}&& b}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>`),
    );
    await expectFault(inText.xml, 'process.xml.ampersand', inText.path, 'f1');
  });

  it('refuses an undefined entity and a character reference to a character XML forbids', async () => {
    const entity = marked(task(`name="a${MARK}&nbsp;b"`));
    const problem = await expectFault(entity.xml, 'process.xml.entityUndefined', entity.path, 'review');
    expect(problem.message.en).toContain('&nbsp;');
    for (const reference of ['&#0;', '&#x1F;', '&#xD800;', '&#x110000;', '&#99999999999999999999;']) {
      const charRef = marked(task(`name="a${MARK}${reference}"`));
      await expectFault(charRef.xml, 'process.xml.charRef', charRef.path, 'review');
    }
  });

  it('refuses a mismatched end tag and an element left open', async () => {
    const mismatched = marked(task('', `${MARK}</bpmn:task>`));
    const problem = await expectFault(mismatched.xml, 'process.xml.tagMismatch', mismatched.path, 'review');
    expect(problem.message.en).toContain('</bpmn:task>');
    // A task never closed meets the end tag of its process.
    const open = marked(
      bpmn(`<bpmn:userTask id="open">\n  ${MARK}</bpmn:process>`).replace(
        /<\/bpmn:process>\s*<\/bpmn:definitions>/,
        '</bpmn:definitions>',
      ),
    );
    await expectFault(open.xml, 'process.xml.tagMismatch', open.path, 'open');
    // A document that stops inside its root: the element still open is named where it starts.
    const truncated = marked(
      bpmn('<bpmn:startEvent id="start" />')
        .replace('<bpmn:process', `${MARK}<bpmn:process`)
        .replace(/<\/bpmn:process>[\s\S]*$/, ''),
    );
    await expectFault(truncated.xml, 'process.xml.unclosed', truncated.path, 'process');
    const tagCut = marked(bpmn(`${MARK}<bpmn:startEvent id="start"`).replace(/\n\s*<\/bpmn:process>[\s\S]*$/, ''));
    await expectFault(tagCut.xml, 'process.xml.unclosed', tagCut.path, 'start');
    const valueCut = marked(
      bpmn(`<bpmn:startEvent id="start" name=${MARK}"Applied`).replace(/\n\s*<\/bpmn:process>[\s\S]*$/, ''),
    );
    await expectFault(valueCut.xml, 'process.xml.unclosed', valueCut.path, 'start');
  });

  it('refuses an attribute given twice on one element', async () => {
    const duplicate = marked(task(`name="a" ${MARK}name="b"`));
    const problem = await expectFault(duplicate.xml, 'process.xml.attributeDuplicate', duplicate.path, 'review');
    expect(problem.message.en).toContain('name');
    const prefixed = marked(task(`tessera:formKey="a" ${MARK}tessera:formKey="b"`));
    await expectFault(prefixed.xml, 'process.xml.attributeDuplicate', prefixed.path, 'review');
  });

  it('refuses text or a second root after the root element, and text before it', async () => {
    const text = marked(`${bpmn('<bpmn:startEvent id="start" />')}\n${MARK}trailing words`);
    await expectFault(text.xml, 'process.xml.afterRoot', text.path);
    const secondRoot = marked(`${bpmn('<bpmn:startEvent id="start" />')}\n${MARK}<bpmn:definitions id="second" />`);
    await expectFault(secondRoot.xml, 'process.xml.afterRoot', secondRoot.path);
    const reference = marked(`${bpmn('<bpmn:startEvent id="start" />')}${MARK}&amp;`);
    await expectFault(reference.xml, 'process.xml.afterRoot', reference.path);
    const before = marked(
      bpmn('<bpmn:startEvent id="start" />').replace('\n<bpmn:definitions', `\n${MARK}oops<bpmn:definitions`),
    );
    await expectFault(before.xml, 'process.xml.beforeRoot', before.path);
    const empty = marked(`<?xml version="1.0"?>\n<!-- nothing -->\n${MARK}`);
    await expectFault(empty.xml, 'process.xml.noRoot', empty.path);
  });

  it('refuses an XML declaration that is not first or not well formed, and a DOCTYPE', async () => {
    const indented = marked(`\n${MARK}${bpmn('<bpmn:startEvent id="start" />')}`);
    await expectFault(indented.xml, 'process.xml.declaration', indented.path);
    const afterComment = marked(`<!-- c -->${MARK}${bpmn('<bpmn:startEvent id="start" />')}`);
    await expectFault(afterComment.xml, 'process.xml.declaration', afterComment.path);
    const inside = marked(bpmn(`${MARK}<?xml version="1.0"?>`));
    await expectFault(inside.xml, 'process.xml.declaration', inside.path, 'process');
    const malformed: [string, string][] = [
      ['<?xml version="1.0" encoding="UTF-8"?>', `<?xml ${MARK}encoding="UTF-8"?>`],
      ['<?xml version="1.0" encoding="UTF-8"?>', `<?xml version=${MARK}"2.0"?>`],
      ['<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0"${MARK}encoding="UTF-8"?>`],
      ['<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" standalone=${MARK}"maybe"?>`],
      ['<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"${MARK}>`],
    ];
    for (const [declaration, replacement] of malformed) {
      const broken = marked(bpmn('<bpmn:startEvent id="start" />').replace(declaration, replacement));
      await expectFault(broken.xml, 'process.xml.declaration', broken.path);
    }
    const doctype = marked(
      bpmn('<bpmn:startEvent id="start" name="&bomb;" />').replace(
        '\n<bpmn:definitions',
        `\n${MARK}<!DOCTYPE bpmn:definitions [<!ENTITY bomb "boom">]>\n<bpmn:definitions`,
      ),
    );
    await expectFault(doctype.xml, 'process.xml.doctype', doctype.path);
  });

  it('refuses characters XML does not allow and broken markup', async () => {
    const cases: [string, string][] = [
      [task(`name="a${MARK}\u0001"`), 'process.xml.char'],
      [task('', `text ${MARK}\uDC00 alone`), 'process.xml.char'],
      [task('', `text ${MARK}\uFFFF`), 'process.xml.char'],
      [task('', `<!-- ${MARK}\u0008 -->`), 'process.xml.char'],
      [task('', `a ${MARK}]]> b`), 'process.xml.syntax'],
      [task('', `<!-- a ${MARK}-- b -->`), 'process.xml.syntax'],
      [task(`name="a"${MARK}formKey="b"`), 'process.xml.syntax'],
      [task(`name=${MARK}review`), 'process.xml.syntax'],
      [task(`name ${MARK}"review"`), 'process.xml.syntax'],
      [task(`${MARK}="review"`), 'process.xml.syntax'],
      [task('', `<${MARK}1>`), 'process.xml.syntax'],
      [task('', `${MARK}<!ELEMENT x ANY>`), 'process.xml.syntax'],
      [task('', `</${MARK} bpmn:userTask>`), 'process.xml.syntax'],
      [task('', `${MARK}<![CDATA[ never closed`), 'process.xml.unclosed'],
      [task('', `${MARK}<!-- never closed`), 'process.xml.unclosed'],
      [task('', `${MARK}<?note never closed`), 'process.xml.unclosed'],
    ];
    for (const [source, code] of cases) {
      const { xml, path } = marked(source);
      await expectFault(xml, code, path, 'review');
    }
  });

  it('bounds nesting depth and size', async () => {
    // The root and maxXmlDepth - 1 elements inside it are as deep as elements go; one more is refused.
    const deep = marked(
      `<?xml version="1.0"?>\n<root id="deep">${'<a>'.repeat(maxXmlDepth - 1)}${MARK}<a/>${'</a>'.repeat(maxXmlDepth - 1)}</root>`,
    );
    await expectFault(deep.xml, 'process.xml.tooDeep', deep.path, 'deep');
    const deepOpen = marked(
      `<root id="deep">${'<a>'.repeat(maxXmlDepth - 1)}${MARK}<a></a>${'</a>'.repeat(maxXmlDepth - 1)}</root>`,
    );
    await expectFault(deepOpen.xml, 'process.xml.tooDeep', deepOpen.path, 'deep');
    expect(
      findXmlFault(`<root>${'<a>'.repeat(maxXmlDepth - 2)}<a/>${'</a>'.repeat(maxXmlDepth - 2)}</root>`),
    ).toBeUndefined();

    const large = bpmn(`<bpmn:startEvent id="start" name="${'x'.repeat(maxXmlLength)}" />`);
    await expectFault(large, 'process.xml.tooLarge', '1:1');

    // Hostile names are cut in messages and an id that long is not repeated back.
    const long = 'n'.repeat(100_000);
    const entity = marked(task(`name="${MARK}&${long};"`));
    const entityProblem = await expectFault(entity.xml, 'process.xml.entityUndefined', entity.path, 'review');
    const mismatch = marked(bpmn(`<${long} id="${long}">${MARK}</x>`));
    const mismatchProblem = await expectFault(mismatch.xml, 'process.xml.tagMismatch', mismatch.path, 'process');
    for (const { message } of [entityProblem, mismatchProblem]) {
      expect(message.en.length).toBeLessThan(400);
      expect(message['zh-CN'].length).toBeLessThan(400);
    }
  });

  it('counts lines over CRLF and lone CR, columns in characters, and skips a byte-order mark', async () => {
    expect(lineColumn('\uFEFFab', 2)).toEqual({ line: 1, column: 2 });
    expect(lineColumn('a\r\nb\rc\nd', 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumn('a\r\nb\rc\nd', 5)).toEqual({ line: 3, column: 1 });
    expect(lineColumn('😀x<', 3)).toEqual({ line: 1, column: 3 });

    const { xml, path } = marked(task(`name="中文${MARK}<"`));
    await expectFault(`\uFEFF${xml.replace(/\n/g, '\r\n')}`, 'process.xml.ltInAttribute', path, 'review');
  });

  it('accepts every construct XML allows, and bpmn-moddle reads them as written', async () => {
    expect(findXmlFault(everythingAllowed)).toBeUndefined();
    const definition = await compileProcess(everythingAllowed.replace(/\n/g, '\r\n'));
    expect(definition.elements.start!.name).toBe(`Tom & Jerry <3 中文 "q" 'a' "b" a>b`);
    expect(definition.elements.route!.name).toBe('amount > 100?');
    expect(Object.keys(definition.elements).sort()).toEqual(['big', 'end.1-a_b', 'route', 'small', 'start']);
    expect(definition.flows.toBig!.condition).toBeDefined();
  });

  it('accepts every template process and every BPMN fixture', () => {
    const root = join(__dirname, '../../../..');
    const files = [
      ...readdirSync(join(root, 'templates')).flatMap((template) => {
        const folder = join(root, 'templates', template, 'processes');
        try {
          return readdirSync(folder)
            .filter((file) => file.endsWith('.bpmn'))
            .map((file) => join(folder, file));
        } catch {
          return [];
        }
      }),
      join(__dirname, '../fixtures/loan-approval.bpmn'),
      join(__dirname, '../fixtures/camunda-modeler-loan.bpmn'),
    ];
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) expect([file, findXmlFault(readFileSync(file, 'utf8'))]).toEqual([file, undefined]);
  });

  it('refuses a < or & inserted anywhere inside an attribute value, at the place it was inserted', async () => {
    const fixtures = ['loan-approval.bpmn', 'camunda-modeler-loan.bpmn'].map((file) =>
      readFileSync(join(__dirname, '../fixtures', file), 'utf8'),
    );
    for (const xml of fixtures) await expect(compileProcess(xml)).resolves.toBeDefined();
    /**
     * Offsets inside attribute values (opening quote excluded, closing quote included), read from
     * start tags, each with the id of its tag when the offset is not in the id itself.
     */
    const insideValues = fixtures.map((xml) =>
      [...xml.matchAll(/<[A-Za-z][^<>]*>/g)].flatMap((tag) => {
        const tagId = /\sid="([^"]*)"/.exec(tag[0])?.[1];
        return [...tag[0].matchAll(/\s([\w:.-]+)="([^"]*)"/g)].flatMap((attribute) => {
          const value = attribute[2]!;
          const valueStart = tag.index + attribute.index + attribute[0].length - value.length - 1;
          const id = attribute[1] === 'id' ? undefined : tagId;
          return Array.from({ length: value.length + 1 }, (_, offset) => ({ at: valueStart + offset, id }));
        });
      }),
    );
    expect(insideValues.every((offsets) => offsets.length > 50)).toBe(true);
    const insertion = fc
      .nat(fixtures.length - 1)
      .chain((fixture) =>
        fc.tuple(fc.constant(fixture), fc.constantFrom(...insideValues[fixture]!), fc.constantFrom('<', '&')),
      )
      // An & that lands before "lt;", "#38;" and the like writes a valid reference: nothing to refuse.
      .filter(
        ([fixture, { at }, char]) =>
          char === '<' || !/^(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/.test(fixtures[fixture]!.slice(at)),
      );
    await fc.assert(
      fc.asyncProperty(insertion, async ([fixture, { at, id }, char]) => {
        const source = fixtures[fixture]!;
        const { xml, path } = marked(`${source.slice(0, at)}${MARK}${char}${source.slice(at)}`);
        const problems = await problemsOf(xml);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({
          code: char === '<' ? 'process.xml.ltInAttribute' : 'process.xml.ampersand',
          path,
        });
        if (id) expect(problems[0]!.elementId).toBe(id);
      }),
      { seed: 20_261_123, numRuns: 300 },
    );
  });
});

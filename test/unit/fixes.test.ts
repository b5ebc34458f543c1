/**
 * Fixes cannot damage a draft (issue 13): the reference goes where Markdown reads it as one, the
 * definition after the last construct the draft closed, a replacement keeps markup inside the
 * figure's span, and added text uses the draft's own line break.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../../src/diagnostics/engine';
import type { Fix } from '../../src/diagnostics/finding';
import { replacementText } from '../../src/diagnostics/fixes';
import { knowledgeBaseFromTexts } from '../../src/knowledge/knowledge-base';

const { kb } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../fixtures/matching.dealkb.json'), 'utf8') },
]);

function applied(text: string, fix: Fix): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), fix.edits);
}

/** The draft after the first fix of `kind` on its first finding. */
function fixed(text: string, kind: Fix['kind']): string | undefined {
  const finding = checkDocument(text, kb, { includeSupported: true }).findings[0];
  const fix = finding.fixes.find((f) => f.kind === kind);
  return fix && applied(text, fix);
}

const CITE = 'AWS put $8bn into Anthropic';
const DEF = '[^dc-s2]: "its $8 billion commitment to Anthropic" — Source two.';

describe('fixes: where the citation goes', () => {
  const cases: [name: string, draft: string, expected: string][] = [
    ['after the sentence', `${CITE}.`, `${CITE}.[^dc-s2]\n\n${DEF}\n`],
    ['after a space when a bare URL ends the sentence', `${CITE}, see https://www.cnbc.com/a.`, `${CITE}, see https://www.cnbc.com/a. [^dc-s2]\n\n${DEF}\n`],
    ['after a space when a bare domain ends the sentence', `${CITE}, see www.cnbc.com.`, `${CITE}, see www.cnbc.com. [^dc-s2]\n\n${DEF}\n`],
    ['after inline code', `${CITE} \`x\`.`, `${CITE} \`x\`.[^dc-s2]\n\n${DEF}\n`],
    ['inside link text, where it is read as a reference', `[${CITE}.](https://x.com) More.`, `[${CITE}.[^dc-s2]](https://x.com) More.\n\n${DEF}\n`],
    ['before an unclosed fence', `${CITE}.\n\n\`\`\`\ncode`, `${CITE}.[^dc-s2]\n\n${DEF}\n\n\`\`\`\ncode`],
    ['before an unclosed HTML comment', `${CITE}.\n\n<!-- note\n\nmore`, `${CITE}.[^dc-s2]\n\n${DEF}\n\n<!-- note\n\nmore`],
    ['before an unclosed <pre> right under the paragraph', `${CITE}.\n<pre>\nx`, `${CITE}.[^dc-s2]\n\n${DEF}\n\n<pre>\nx`],
    ['before an unclosed <script>', `${CITE}.\n\n<script>\nx`, `${CITE}.[^dc-s2]\n\n${DEF}\n\n<script>\nx`],
    ['at the end when an open fence is inside a list item, which the definition closes', `${CITE}.\n\n- item\n\n  \`\`\`\n  code`, `${CITE}.[^dc-s2]\n\n- item\n\n  \`\`\`\n  code\n\n${DEF}\n`],
    ['right under citations added before', `${CITE}.\n\n[^dc-x]: "q" — T.\n`, `${CITE}.[^dc-s2]\n\n[^dc-x]: "q" — T.\n${DEF}\n`],
    ['with the CR line ends of the draft', `${CITE}.\r\rMore.\r`, `${CITE}.[^dc-s2]\r\rMore.\r\r${DEF}\r`],
    // Found by npm run fuzz: an unclosed --- at the top made the parser read the definition as a link's.
    ['under a leading --- that is not front matter', `---\n${CITE}.`, `---\n${CITE}.[^dc-s2]\n\n${DEF}\n`],
    ['after two byte order marks', `\uFEFF\uFEFF ${CITE}.`, `\uFEFF\uFEFF ${CITE}.[^dc-s2]\n\n${DEF}\n`],
    ['with the CRLF line ends of the draft', `${CITE}.\r\nMore.`, `${CITE}.[^dc-s2]\r\nMore.\r\n\r\n${DEF}\r\n`],
    // Found by the property tests: a "\n" after the last line's lone "\r" made one "\r\n", so the HTML block "</b>" took the definition in.
    ['after an HTML line ending in a lone CR, in a draft of LF lines', `${CITE}.\n\n</b>\r`, `${CITE}.[^dc-s2]\n\n</b>\r\r${DEF}\r`],
  ];
  for (const [name, draft, expected] of cases) it(name, () => assert.equal(fixed(draft, 'cite'), expected));

  it('a citation already there, after a space, is not added again', () => {
    const draft = `${CITE}. [^dc-s2]\n\n${DEF}\n`;
    assert.equal(fixed(draft, 'cite'), draft);
  });
});

describe('fixes: replacements and ignores', () => {
  const cases: [name: string, draft: string, kind: Fix['kind'], expected: string][] = [
    [
      'a replacement keeps a footnote reference inside the figure',
      'The OpenAI deal came a year and a [^1]half before the Anthropic one.',
      'replace',
      'The OpenAI deal came 2 months[^1] before the Anthropic one.[^dc-s3]\n\n[^dc-s3]: "The move comes just two months after the OpenAI deal." — Source three.\n',
    ],
    [
      'and an HTML comment, spaces and all',
      'The OpenAI deal came a year and a <!-- x -->half before the Anthropic one.',
      'replace',
      'The OpenAI deal came 2 months<!-- x --> before the Anthropic one.[^dc-s3]\n\n[^dc-s3]: "The move comes just two months after the OpenAI deal." — Source three.\n',
    ],
    ['an ignore comment goes after a byte order mark', `\uFEFF${CITE}.`, 'ignore', `\uFEFF<!-- dealcheck-disable-next-line -->\n${CITE}.`],
    ['an ignore comment uses the CR line ends of the draft', `Intro.\r${CITE}.`, 'ignore', `Intro.\r<!-- dealcheck-disable-next-line -->\r${CITE}.`],
  ];
  for (const [name, draft, kind, expected] of cases) it(name, () => assert.equal(fixed(draft, kind), expected));
});

describe('replacementText', () => {
  const cases: [source: string, prose: string, expected: string][] = [
    ['$35 billion', '$35 billion', '$25 billion'],
    ['a [^1]decade', 'a     decade', '$25 billion[^1]'],
    ['12 <!-- x --> years', '12            years', '$25 billion<!-- x -->'],
    ['$35\n> billion', '$35\n  billion', '$25 billion\n>'],
    ['$35\r\nbillion', '$35\r\nbillion', '$25 billion'],
    ['$35 billion', '$35 bil', '$25 billion'],
  ];
  for (const [source, prose, expected] of cases) it(JSON.stringify(source), () => assert.equal(replacementText(source, prose, '$25 billion'), expected));
});

describe('fixes: the definition a fix adds is never checked as prose', () => {
  const drafts = [
    'Amazon invested $35 billion in Anthropic.\n',
    '---\n\nAmazon invested $35 billion in Anthropic.\n',
    '---\ntitle: x\n\nAmazon invested $35 billion in Anthropic.',
    'Amazon invested $35 billion in Anthropic.\r\r```\rcode',
  ];
  for (const draft of drafts) {
    it(JSON.stringify(draft), () => {
      const finding = checkDocument(draft, kb).findings[0];
      for (const fix of finding.fixes.filter((f) => f.kind === 'replace')) {
        const after = checkDocument(applied(draft, fix), kb, { includeSupported: true, includeUnverified: true }).findings;
        assert.deepEqual(after.map((f) => [f.kind, f.range.start]), [['supported', finding.range.start]], fix.title);
      }
    });
  }
});

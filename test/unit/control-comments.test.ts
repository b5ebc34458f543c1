/** dealcheck-disable / -enable / -disable-next-line / -disable-line: which findings each silences. */
import assert from 'node:assert/strict';
import { checkDocument } from '../../src/diagnostics/engine';
import { loadKnowledgeBase } from '../../src/knowledge';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const MONEY = 'Amazon invested $35 billion in Anthropic.';
const PERCENT = 'AWS has a 45% share of the cloud market.';

function codesAndLines(text: string): string[] {
  return checkDocument(text, kb).findings.map((f) => `${f.code}@${f.range.start.line}`);
}

describe('control comments', () => {
  const cases: [name: string, text: string, expected: string[]][] = [
    ['none', `${MONEY}\n\n${PERCENT}`, ['money-conflict@0', 'percent-conflict@2']],
    ['disable … enable', `<!-- dealcheck-disable -->\n\n${MONEY}\n\n<!-- dealcheck-enable -->\n\n${PERCENT}`, ['percent-conflict@6']],
    ['disable to the end', `${MONEY}\n\n<!-- dealcheck-disable -->\n\n${PERCENT}`, ['money-conflict@0']],
    ['disable one kind', `<!-- dealcheck-disable money -->\n\n${MONEY}\n\n${PERCENT}`, ['percent-conflict@4']],
    ['disable one code', `<!-- dealcheck-disable percent-conflict -->\n\n${MONEY}\n\n${PERCENT}`, ['money-conflict@2']],
    ['an enable for all ends a disable of one kind', `<!-- dealcheck-disable money -->\n\n<!-- dealcheck-enable -->\n\n${MONEY}`, ['money-conflict@4']],
    ['an enable of one kind leaves the others disabled', `<!-- dealcheck-disable -->\n\n<!-- dealcheck-enable money -->\n\n${MONEY}\n\n${PERCENT}`, ['money-conflict@4']],
    ['the latest comment decides', `<!-- dealcheck-enable money -->\n\n<!-- dealcheck-disable -->\n\n${MONEY}`, []],
    ['mid-paragraph, before the figure', `Amazon invested <!-- dealcheck-disable --> $35 billion in Anthropic.`, []],
    ['mid-paragraph, after the figure', `Amazon invested $35 billion <!-- dealcheck-disable --> in Anthropic.`, ['money-conflict@0']],
    ['disable-next-line', `<!-- dealcheck-disable-next-line -->\n${MONEY}\n\n${MONEY}`, ['money-conflict@3']],
    ['disable-next-line of another kind', `<!-- dealcheck-disable-next-line percent -->\n${MONEY}`, ['money-conflict@1']],
    ['disable-line', `${MONEY} <!-- dealcheck-disable-line -->\n\n${MONEY}`, ['money-conflict@2']],
    ['a multi-line comment silences the line after its end', `<!-- dealcheck-disable-next-line\n  money -->\n${MONEY}`, []],
    ['with CR line ends', `<!-- dealcheck-disable-next-line -->\r${MONEY}\r\r${MONEY}`, ['money-conflict@3']],
    [
      '10,000 disable/enable pairs, one claim outside them',
      `${`<!-- dealcheck-disable -->\n\n${MONEY}\n\n<!-- dealcheck-enable -->\n\n`.repeat(10_000)}${PERCENT}`,
      ['percent-conflict@60000'],
    ],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(codesAndLines(text), expected));
});

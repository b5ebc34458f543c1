/**
 * Dated, status-aware facts on the bundled knowledge base: a figure that agrees only with a value
 * newer sources replaced is outdated, and sources that differ on a value's status say so.
 */
import assert from 'node:assert/strict';
import { checkDocument } from '../../src/diagnostics/engine';
import { outdatedVerdict, secondEndBefore, sentenceAround } from '../../src/diagnostics/outdated';
import type { Match } from '../../src/diagnostics/matching/matcher';
import { loadKnowledgeBase } from '../../src/knowledge';
import type { CompiledAssertion, CompiledFact } from '../../src/knowledge/knowledge-base';
import type { Assertion, Source } from '../../src/knowledge/schema';
import { hoverMarkdown } from '../../src/server/hover';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });

function only(draft: string) {
  const { findings } = checkDocument(draft, kb, { includeSupported: true });
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.text)));
  return findings[0];
}

const AINEWS_TITLE = "Amazon's $50 Billion AI Bet: Why It Pays Rivals More Than Allies for Cloud Dominance";
const NEXTFIN_TITLE = 'AWS CEO Defends $58 Billion Dual Bet on OpenAI and Anthropic as Survival Strategy';

describe('outdated figures and statuses on the bundled knowledge base', () => {
  it('"Amazon has invested $4 billion in Anthropic" is outdated: both values and dates, information severity, the newer values as fixes', () => {
    const f = only('Amazon has invested $4 billion in Anthropic.\n');
    assert.deepEqual(
      { kind: f.kind, code: f.code, severity: f.severity, fact: f.fact, message: f.message },
      {
        kind: 'outdated',
        code: 'money-outdated',
        severity: 'information',
        fact: 'amazon-anthropic-investment',
        message:
          "$4 billion is outdated on Amazon's investment in Anthropic: it agrees with up to $4 billion (anthropic-up-to-4b, September 2023), but newer sources say $25 billion (AINews and anthropic-25b-aws-100b, April 2026) and $8 billion (NextFin, April 2026). Sources differ on its status: $25 billion — AINews: invested; anthropic-25b-aws-100b: announced.",
      },
    );
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.preferred, x.edits[0].newText, x.edits[1]?.newText]),
      [
        [`Replace with $25 billion — ${AINEWS_TITLE} (+1 more)`, true, '$25 billion', '[^dc-ainews-50b-ai-bet]'],
        [`Replace with $8 billion — ${NEXTFIN_TITLE}`, false, '$8 billion', '[^dc-nextfin-garman-dual-bet]'],
        ['Ignore this figure', false, '<!-- dealcheck-disable-next-line -->\n', undefined],
      ],
    );
  });

  const current: { draft: string; kind: string; message: string }[] = [
    {
      draft: 'In 2023, Amazon committed up to $4 billion to Anthropic.\n',
      kind: 'supported',
      message:
        "$4 billion is supported by source anthropic-up-to-4b on Amazon's investment in Anthropic; other sources say $25 billion (2 sources), $8 billion, an estimated $18 billion. Sources differ on its status: $25 billion — AINews: invested; anthropic-25b-aws-100b: announced.",
    },
    {
      draft: 'Amazon has invested $8 billion in Anthropic.\n',
      kind: 'supported',
      message:
        "$8 billion is supported by source nextfin-garman-dual-bet on Amazon's investment in Anthropic; other sources say $25 billion (2 sources), an estimated $18 billion, up to $4 billion. Sources differ on its status: $25 billion — AINews: invested; anthropic-25b-aws-100b: announced.",
    },
    {
      draft: 'Amazon invested $50 billion in OpenAI.\n',
      kind: 'supported',
      message:
        "$50 billion is supported by sources nextfin-garman-dual-bet, anthropic-25b-aws-100b, ainews-50b-ai-bet on Amazon's investment in OpenAI. Sources differ on its status: $50 billion — NextFin and anthropic-25b-aws-100b: invested; AINews: offered and rejected.",
    },
    {
      draft: 'Amazon invested $60 billion in OpenAI.\n',
      kind: 'conflict',
      message:
        "$60 billion conflicts with every source on Amazon's investment in OpenAI: $50 billion (3 sources). Sources differ on its status: $50 billion — NextFin and anthropic-25b-aws-100b: invested; AINews: offered and rejected.",
    },
  ];
  for (const { draft, kind, message } of current) {
    it(`${JSON.stringify(draft.trim())} is ${kind}, with what the sources say of its status`, () => {
      const f = only(draft);
      assert.deepEqual([f.kind, f.message], [kind, message]);
    });
  }

  it('the hover shows each source\'s status and inferred dates', () => {
    const lines = hoverMarkdown(only('Amazon invested $50 billion in OpenAI.\n')).split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(lines, [
      `- ✓ **$50 billion** (invested) — *${NEXTFIN_TITLE}*, NextFin, April 2026 (date inferred)`,
      '- ✓ **$50 billion** (invested) — *Amazon adds up to $25 billion for Anthropic and a $100 billion AWS commitment*, as of February 2026 (date inferred)',
      `- ✓ **$50 billion** (offered and rejected) (an offer, which OpenAI rejected) — *${AINEWS_TITLE}*, AINews, April 2026`,
    ]);
  });
});

describe('outdatedVerdict', () => {
  const source = (id: string, date?: string): Source => ({ id, file: `${id}.txt`, title: id, ...(date ? { date } : {}) });
  const assertion = (src: Source, amount: number, extra: Partial<Assertion> = {}): CompiledAssertion => ({
    assertion: { source: src.id, value: amount, hedge: 'exact', quote: `${amount}`, ...extra },
    source: src,
    interval: { lo: amount, hi: amount },
  });
  const fact = (assertions: CompiledAssertion[], type = 'money') => ({ fact: { statement: 'the figure', type }, assertions }) as unknown as CompiledFact;
  const match = (assertions: CompiledAssertion[], agreeing: CompiledAssertion[], type?: string) =>
    ({ figure: { text: '4', start: 0, end: 1 }, fact: fact(assertions, type), agreeing, score: 3, sentenceEnd: 1 }) as unknown as Match;

  const old = assertion(source('old', '2023-09'), 4);
  const cases: { name: string; newer: CompiledAssertion; sentence?: string; outdated: boolean }[] = [
    { name: 'a later completed value', newer: assertion(source('new', '2026-04'), 8, { status: 'completed' }), outdated: true },
    { name: 'a later value with no status', newer: assertion(source('new', '2024'), 8), outdated: true },
    { name: 'a value the same year, at year precision', newer: assertion(source('new', '2023'), 8), outdated: false },
    { name: 'an undated value', newer: assertion(source('new'), 8), outdated: false },
    { name: 'a later value dated by "asOf" before the old one', newer: assertion(source('new', '2026-04'), 8, { asOf: '2022' }), outdated: false },
    { name: 'a later estimate', newer: assertion(source('new', '2026-04'), 8, { hedge: 'estimate' }), outdated: false },
    { name: 'a later forecast', newer: assertion(source('new', '2026-04'), 8, { status: 'predicted' }), outdated: false },
    { name: 'a later offer, rejected', newer: assertion(source('new', '2026-04'), 8, { status: ['offered', 'rejected'] }), outdated: false },
    { name: 'a later value, with the figure dated in its sentence before it', newer: assertion(source('new', '2026-04'), 8), sentence: 'In 2023, Amazon put  in.', outdated: false },
    { name: 'a later value, with the figure where a change starts', newer: assertion(source('new', '2026-04'), 8), sentence: 'The fund raised its voucher from  to $120,000 per truck.', outdated: false },
    { name: 'a later value, with the figure dated in its sentence as of then', newer: assertion(source('new', '2026-04'), 8), sentence: 'As of 2026, Amazon has put  in.', outdated: true },
  ];
  for (const { name, newer, sentence, outdated } of cases) {
    it(`${outdated ? 'is' : 'is not'} outdated by ${name}`, () => {
      const verdict = outdatedVerdict(match([old, newer], [old]), () => sentence ?? '');
      assert.deepEqual(verdict, outdated ? { older: [old], newer: [newer] } : undefined);
    });
  }

  it('is never outdated when the fact is a date: a later source dating the event otherwise disputes it', () => {
    const newer = assertion(source('new', '2026-04'), 8, { status: 'completed' });
    assert.equal(outdatedVerdict(match([old, newer], [old], 'date')), undefined);
  });

  it('is never outdated when the figure agrees with the newest value too', () => {
    const newer = assertion(source('new', '2026-04'), 4);
    assert.equal(outdatedVerdict(match([old, newer], [old, newer])), undefined);
  });
});

describe('sentenceAround: the time a figure is told in', () => {
  const rows: [text: string, expected: string][] = [
    ['Amazon committed $4 billion.', 'Amazon committed  '],
    // The sentence before sets the time of a story told in the past.
    ["Amazon's answer came in September 2023. It committed $4 billion.", "Amazon's answer came in September 2023. It committed  "],
    // Two sentences back does not.
    ['Amazon started in 2023. Then it grew. It has $4 billion in now.', 'Then it grew. It has   in now'],
  ];
  for (const [text, expected] of rows)
    it(text, () => {
      const start = text.indexOf('$4 billion');
      assert.equal(sentenceAround(text, { start, end: start + '$4 billion'.length }, text.length - 1), expected);
    });
});

describe('secondEndBefore: where the sentence before the figure\'s starts, found walking back', () => {
  /** What a scan from the text's start finds: the second-last end of /[.!?]\s+|\n/g before `at`, or 0. */
  const fromStart = (text: string, at: number) => [0, ...[...text.slice(0, at).matchAll(/[.!?]\s+|\n/g)].map((m) => m.index + m[0].length)].at(-2) ?? 0;
  const rows: [text: string, at: number][] = [
    ['No end at all, $4 billion', 15],
    ['One end. Then $4 billion', 14],
    ['One. Two.  Three $4 billion', 17],
    ['A line\nand another\nthen $4 billion', 25],
    ['Ends.\n\nA blank line. $4', 23],
    ['Not. a\n\nrun of lines\n $4', 24],
    ['Dots... and spaces?  \t Then! $4', 30],
    ['A\u00a0no-break space.\u00a0Then. $4', 25],
    ['Trailing white space  ', 22],
    ['', 0],
  ];
  for (const [text, at] of rows) it(JSON.stringify(text), () => assert.equal(secondEndBefore(text, at), fromStart(text, at)));
});

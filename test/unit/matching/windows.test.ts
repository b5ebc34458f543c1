/**
 * A paragraph read a window at a time (src/diagnostics/matching/windows.ts) gives each figure the
 * verdict reading it whole gives, and a keystroke reads again only the windows around it.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProseUnit } from '../../../src/diagnostics/markdown/prose';
import { gatherEvidence } from '../../../src/diagnostics/matching/evidence';
import { type ReadFigure, readEvidence } from '../../../src/diagnostics/matching/unit-reading';
import { WINDOWED_FROM_SENTENCES, cachedWindows, readByWindows, readsByWindows, stretchesOf, windowsOf } from '../../../src/diagnostics/matching/windows';
import { loadKnowledgeBase } from '../../../src/knowledge';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });

/** A verdict as compared: the figure's place and text, the fact, the agreeing values, the score, where a citation goes. */
const verdicts = (reads: readonly ReadFigure[]) =>
  reads.map((r) => [r.figure.start, r.figure.end, r.figure.text, r.match?.fact.fact.id, r.match?.agreeing.length, r.match?.score, r.match?.sentenceEnd, r.sentenceEnd]);

/** The unit's verdicts read whole and read by windows (whatever its length). */
function bothWays(unit: ProseUnit) {
  const whole = gatherEvidence(unit, kb);
  const windowed = gatherEvidence(unit, kb);
  return { whole: whole ? verdicts(readEvidence(whole, kb)) : [], windowed: windowed ? verdicts(readByWindows(windowed, kb)) : [] };
}

/** Ordinary sentences of the project's corpus, one after another. */
function corpusSentences(): string[] {
  const dir = join(__dirname, '../../corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => /^[A-Z]/.test(l))
    .flatMap((l) => l.split(/(?<=\.)\s+/));
}

/** A paragraph of about `length` characters of the corpus's sentences, from sentence `from` on. */
function paragraph(length: number, from = 0): string {
  const all = corpusSentences();
  let text = '';
  for (let i = from; text.length < length; i++) text += `${all[i % all.length]} `;
  return text.trimEnd();
}

/**
 * How many windows a sentence put before a paragraph may make read again: those that looked back
 * to its first sentence (EVIDENCE.leadReach and the target's own) and now have one before it, and a
 * couple more whose context it changes.
 */
const WINDOWS_AT_THE_START = 6;

describe('windows', () => {
  describe('a paragraph read by windows gives the verdicts reading it whole gives', () => {
    const rows: [title: string, unit: ProseUnit][] = [
      ['a party carried, a pronoun, a part', { start: 0, text: 'Amazon invested $8 billion in Anthropic. Of that, $4 billion arrived upfront. It later added $2.75 billion. The company then committed $4 billion more.' }],
      ['a measure by ellipsis, sentences back', { start: 0, text: 'AWS made $45 billion of AI revenue last year. Azure was smaller, at $38 billion. Google trailed at $15 billion. Oracle came last at $8 billion. OCI grew 45%.' }],
      ['a deadline after the sentence of its figure', { start: 0, text: 'Anthropic committed $100 billion to AWS. By 2030, the spend will reach that level. AWS expects 40% growth. In 2026, it will double.' }],
      ['a person and "He"', { start: 0, text: 'Matt Garman became CEO of AWS in 2024. He joined Amazon in 2005. Andy Jassy ran AWS before him. He said AWS grew 35% in 2021.' }],
      ['soft line breaks inside sentences', { start: 0, text: 'Amazon invested $8 billion\nin Anthropic. Google put $2 billion\nin it too, and Microsoft and Nvidia $5 billion\nand $10 billion.' }],
      ['a question, a claim taken back, a correction', { start: 0, text: 'How much of the $58 billion is cash? We said $10 billion was paid upfront. That was wrong. The right figure is $4 billion. Amazon invested $8 billion.' }],
      ['a figure as a label opening the paragraph', { start: 0, text: '$58 billion. Amazon\'s combined commitment to OpenAI and Anthropic. It put $8 billion into Anthropic.' }],
      ['a paragraph before it and a section topic', { start: 0, text: 'Of that, $5 billion is paid upfront. The rest, $20 billion, depends on milestones. It is the largest cheque.', previous: 'Amazon invests $25 billion in Anthropic.', topic: ['amazon'] }],
      ['initials and abbreviations before a full stop', { start: 0, text: 'S. Park reported that AWS has offered a three-year reserved commitment of $12 million. Dr. Lisa Su said AMD grew 20%. U.S. cloud revenue rose 30%.' }],
      ['long: sentences of the corpus', { start: 0, text: paragraph(6000) }],
      ['long: the same, from another sentence, after a paragraph', { start: 0, text: paragraph(6000, 17), previous: 'Amazon and Google both back Anthropic.' }],
    ];
    for (const [title, unit] of rows)
      it(title, () => {
        const { whole, windowed } = bothWays(unit);
        assert.ok(whole.length > 0);
        assert.deepEqual(windowed, whole);
      });
  });

  it('reads a paragraph by windows from WINDOWED_FROM_SENTENCES sentences on, and never a table cell', () => {
    const long = gatherEvidence({ start: 0, text: paragraph(4000) }, kb)!;
    assert.ok(long.layout.sentences.length >= WINDOWED_FROM_SENTENCES && readsByWindows(long));
    assert.ok(!readsByWindows(gatherEvidence({ start: 0, text: 'Amazon invested $8 billion in Anthropic.' }, kb)!));
    const cell = { start: 0, text: '$8 billion', table: { rowHeader: 'Amazon', columnHeader: 'Investment', rowContext: 'Anthropic', headerRow: 'Investor | Investment' } };
    assert.ok(!readsByWindows(gatherEvidence(cell, kb)!));
  });

  it('cuts stretches at sure breaks only: not at a soft line break, nor before a lowercase word', () => {
    const text = 'Amazon invested $8 billion\nin Anthropic. Google put $2 billion in. e.g. this. Then $5 billion.';
    const ev = gatherEvidence({ start: 0, text }, kb)!;
    const stretches = stretchesOf(text, ev.layout.sentences).map(([a, b]) => text.slice(ev.layout.sentences[a].start, ev.layout.sentences[b].end));
    assert.deepEqual(stretches, ['Amazon invested $8 billion\nin Anthropic. ', 'Google put $2 billion in. e.g. this. ', 'Then $5 billion.']);
  });

  it('reads again only the windows around a keystroke; the same text, or the text moved, reads none or few', () => {
    const text = paragraph(8000, 5);
    const read = (t: string) => {
      const before = cachedWindows(kb);
      readByWindows(gatherEvidence({ start: 0, text: t }, kb)!, kb);
      return cachedWindows(kb) - before;
    };
    const windows = windowsOf(gatherEvidence({ start: 0, text }, kb)!).length;
    read(text);
    assert.equal(read(text), 0, 'the same paragraph again: every window a hit');
    const at = text.indexOf('.', text.length >> 1);
    const misses = read(`${text.slice(0, at)} x${text.slice(at)}`);
    assert.ok(misses > 0 && misses <= 8, `a keystroke read ${misses} of ${windows} windows again`);
    // Keys hold no offsets: a sentence that names nobody put before the paragraph moves every
    // window, and only those that now have a sentence before them are read again.
    assert.ok(read(`Here is a short note on the deals. ${text}`) <= WINDOWS_AT_THE_START, 'a sentence put before the paragraph');
  });
});

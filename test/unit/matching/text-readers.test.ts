/**
 * A long paragraph's text read a stretch at a time (src/diagnostics/matching/text-readers.ts)
 * gives what the readers give for the whole text, and a keystroke reads one stretch again.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isUnknown, partiesIn } from '../../../src/diagnostics/context/parties';
import { findFigures } from '../../../src/diagnostics/figures/find-figures';
import { unitReaderFor } from '../../../src/diagnostics/figures/units';
import { STRETCHED_FROM, cachedStretches, readByStretches } from '../../../src/diagnostics/matching/text-readers';
import { layout } from '../../../src/diagnostics/reading/layout';
import { saysKeyword } from '../../../src/diagnostics/reading/said-keywords';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { partsOfKnowledgeBase } from '../../../src/knowledge/knowledge-base';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const bundled = kb;

/** What the readers give for the whole text, as readByStretches gives it. */
function whole(text: string, kb = bundled) {
  const mentions = partiesIn(text, kb);
  const known = mentions.filter((m) => !isUnknown(m.entity));
  return { layout: layout(text, false), mentions, keywords: kb.findKeywords(text).filter((k) => saysKeyword(text, k)), found: findFigures(text, known, unitReaderFor(kb)) };
}

/** Ordinary sentences of the project's corpus, one after another, from sentence `from` on, to about `length` characters. */
function paragraph(length: number, from = 0): string {
  const dir = join(__dirname, '../../corpus');
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => /^[A-Z]/.test(l))
    .flatMap((l) => l.split(/(?<=\.)\s+/));
  let text = '';
  for (let i = from; text.length < length; i++) text += `${all[i % all.length]} `;
  return text.trimEnd();
}

/** `text` repeated until it has STRETCHED_FROM stretches at least (one sentence each, or more). */
const long = (text: string) => Array.from({ length: STRETCHED_FROM }, () => text).join(' ');

describe('text readers by stretches', () => {
  const rows: [title: string, text: string][] = [
    ['sentences of the corpus', paragraph(5000)],
    ['a person named in full, then by surname in a later stretch', long('Sam Altman met Amazon. Later, Altman said OpenAI grew 40%.')],
    ['a title ending the stretch before a name', long('AWS hired a new chief executive. Garman said AWS grew 19% in 2024.')],
    ['initials and abbreviations before a full stop', long('S. Park reported that AWS offered $12 million. Dr. Lisa Su said AMD grew 20%. U.S. Steel fell.')],
    ['a figure\'s label, a correction, a question', long('$58 billion. Amazon\'s combined commitment. We said $15 billion. The right figure is $20 billion. How much is cash?')],
    ['soft line breaks', long('Amazon invested $8 billion\nin Anthropic, and Google $2 billion\nand $1 billion more.')],
    ['a definite description that stands for a party named before it', long('Amazon put $25 billion into Anthropic. In return, the lab pledges $100 billion to AWS. The software maker said nothing.')],
    ['a generation the knowledge base does not know, and a party noun', long('Trainium 3 promises 4.4x the compute. Investors put $6 billion into xAI.')],
  ];
  for (const [title, text] of rows)
    it(title, () => {
      const read = readByStretches(text, kb);
      assert.ok(read, 'read by stretches');
      const { origins, ...readings } = read;
      assert.deepEqual(readings, whole(text));
      assert.equal(origins.length, read.layout.sentences.length, 'where each sentence was read');
    });

  it('does not break a text inside a name with a stop, which the knowledge base keeps without going through its entities', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../fixtures/team.dealkb.json'), 'utf8'));
    file.entities[0] = { ...file.entities[0], name: 'Acme Go! Holdings', aliases: ['Acme Corp', 'Acme Labs. Group'] };
    file.facts[0].assertions.splice(0, 1);
    const withStops = loadKnowledgeBase({ files: [{ path: 'team.dealkb.json', text: JSON.stringify(file) }], useBundled: true });
    assert.deepEqual(withStops.problems, []);
    assert.deepEqual(partsOfKnowledgeBase(withStops.kb)!.namesWithStops, ['Acme Go! Holdings', 'Acme Labs. Group']);
    const text = long('Analysts at Acme Go! Holdings said WidgetCo cost $3 billion. Acme Labs. Group agreed.');
    const read = readByStretches(text, withStops.kb);
    assert.ok(read, 'read by stretches');
    const { origins: _origins, ...readings } = read;
    assert.deepEqual(readings, whole(text, withStops.kb));
    assert.ok(readings.mentions.some((m) => text.slice(m.start, m.end) === 'Acme Go! Holdings'));
  });

  it('reads a text whole when it has fewer than STRETCHED_FROM stretches, or is a title-case heading', () => {
    assert.equal(readByStretches('Amazon invested $8 billion in Anthropic, and Google $2 billion.', kb), undefined);
    assert.ok(readByStretches('Amazon invested $8 billion in Anthropic. Google invested $2 billion.', kb));
    assert.equal(readByStretches(long('Why Amazon Keeps Writing Cheques.'), kb), undefined);
  });

  it('reads again only the stretch a keystroke changed; the same text reads none, the text moved one or two', () => {
    const text = paragraph(6000, 11);
    const read = (t: string) => {
      const before = cachedStretches(kb);
      readByStretches(t, kb);
      return cachedStretches(kb) - before;
    };
    read(text);
    assert.equal(read(text), 0);
    const at = text.indexOf(' ', text.length >> 1);
    assert.equal(read(`${text.slice(0, at)} x${text.slice(at)}`), 1);
    const moved = read(`Here is a note. ${text}`);
    assert.ok(moved >= 1 && moved <= 2, `the new first stretch, and the old first one, now read as no opening: ${moved}`);
  });
});

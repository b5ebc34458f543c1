/**
 * A knowledge base read back from its snapshot (src/knowledge/snapshot.ts) is the one that was
 * built: the same entries, facts, values, lookups and findings, with its facts compiled only as
 * they are asked for; and a snapshot that does not hold together is refused, never misread.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../../src/diagnostics/engine';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { BUNDLED_KB_NAME, bundledKnowledgeBase } from '../../../src/knowledge/bundled';
import { type KnowledgeBase, assembleKnowledgeBase, knowledgeBaseOfMerged, knowledgePartsOfMerged, partsOfKnowledgeBase } from '../../../src/knowledge/knowledge-base';
import { loadKnowledgeBaseText } from '../../../src/knowledge/loader';
import { mergeKnowledgeBases } from '../../../src/knowledge/merge';
import { SNAPSHOT_FORMAT, SnapshotError, concatBytes, decodeKnowledgeBase, encodeKnowledgeBase } from '../../../src/knowledge/snapshot';
import { loadManifest, corpusDir } from '../../support/corpora';
import { knowledgeBasesToCompare } from '../../support/kb-copies';

const FILES = [BUNDLED_KB_NAME, 'copy-a.dealkb.json', 'copy-b.dealkb.json', 'copy-c.dealkb.json'];

function snapshotOf(kb: KnowledgeBase, files = FILES): Uint8Array {
  const encoded = encodeKnowledgeBase(kb, files);
  assert.ok(encoded, 'a built knowledge base has a snapshot');
  return concatBytes(encoded.chunks);
}

const readBack = (kb: KnowledgeBase, files = FILES) => decodeKnowledgeBase(snapshotOf(kb, files), files);

/** Texts that name parties and say keywords of every kind the knowledge bases have. */
function probeTexts(kb: KnowledgeBase): string[] {
  const names = [...kb.entities.values()].flatMap((e) => [e.name, ...e.aliases]);
  const words = [...kb.relations.values(), ...kb.qualifiers.values()].flatMap((x) => x.keywords);
  return [names.join(', '), names.map((n) => n.toUpperCase()).join(' and '), words.join(' '), `${words.map((w) => `${w}ed`).join('; ')} ${names.slice(0, 5).join(' ')}`];
}

/** The files a built knowledge base's facts come from, in order. */
const filesOf = (kb: KnowledgeBase) => [...new Set([BUNDLED_KB_NAME, ...kb.facts.map((f) => kb.definedIn(f.fact.id)!)])];

describe('a knowledge base read back from its snapshot', () => {
  for (const [name, built] of knowledgeBasesToCompare()) {
    describe(name, () => {
      const read = readBack(built, filesOf(built));
      const types = [...built.valuesByType.keys()];
      it('has the same entries, in the same order', () => {
        for (const section of ['sources', 'entities', 'relations', 'qualifiers', 'units'] as const) assert.deepEqual([...read[section]], [...built[section]], section);
        assert.deepEqual([...read.publishers], [...built.publishers]);
        assert.deepEqual([...read.familyHeads], [...built.familyHeads]);
        assert.deepEqual([...read.describedBy], [...built.describedBy]);
        assert.equal(built.describedBy.size > 0, [...built.entities.values()].some((e) => e.descriptions?.length), 'descriptions are kept when entities have them');
        assert.deepEqual([...read.groupsByMember], [...built.groupsByMember]);
        assert.deepEqual(partsOfKnowledgeBase(read)!.namesWithStops, partsOfKnowledgeBase(built)!.namesWithStops);
        // Each exclusive relation and qualifier keeps the file that defined it.
        assert.deepEqual(read.scopes, built.scopes);
        assert.ok(built.scopes.length && built.scopes.every((s) => s.file !== undefined));
      });
      it('has the same facts, compiled alike', () => assert.deepEqual(read.facts, built.facts));
      it('has the same lists of values and measure words', () => {
        for (const type of types) {
          const [a, b] = [read.valuesByType.get(type)!, built.valuesByType.get(type)!];
          for (const list of ['places', 'indexes', 'lo', 'hi'] as const) assert.deepEqual(Array.from(a[list]), Array.from(b[list]), `${type} ${list}`);
          assert.deepEqual(a.hedges, b.hedges, `${type} hedges`);
          assert.deepEqual([...read.measureWords.get(type)!], [...built.measureWords.get(type)!]);
        }
      });
      it('finds the same names and keywords', () => {
        for (const text of probeTexts(built)) {
          assert.deepEqual(read.findMentions(text), built.findMentions(text));
          assert.deepEqual(read.findKeywords(text), built.findKeywords(text));
        }
      });
      it('gives the same candidates, siblings and role partners for every party and fact', () => {
        const ids = (facts: readonly { fact: { id: string } }[]) => facts.map((f) => f.fact.id);
        const words = [...new Set(built.facts.flatMap((f) => [...f.ownKeywords]))];
        for (const type of types) for (const e of built.entities.keys()) assert.deepEqual(ids(read.candidateFacts(type, [e], words)), ids(built.candidateFacts(type, [e], words)), `${type} ${e}`);
        built.facts.forEach((f, i) => {
          assert.deepEqual(ids(read.siblingFacts(f.fact)), ids(built.siblingFacts(f.fact)));
          for (const role of ['subject', 'object'] as const) assert.equal(read.rolePartners(read.factAt(i).fact, role), built.rolePartners(f.fact, role));
          assert.equal(read.definedIn(f.fact.id), built.definedIn(f.fact.id));
          assert.deepEqual(read.factById(f.fact.id), f);
        });
        assert.equal(read.definedIn('no-such-fact'), undefined);
        assert.equal(read.factById('no-such-fact'), undefined);
      });
    });
  }

  it('compiles a fact only when it is asked for, and the same one each time', () => {
    const [, built] = knowledgeBasesToCompare()[1];
    const read = readBack(built);
    const text = 'Amazon has invested $8 billion in Anthropic.';
    assert.deepEqual(checkDocument(text, read).findings, checkDocument(text, built).findings);
    // The check asked for some facts; each is the same object when asked again.
    assert.equal(read.factAt(0), read.factAt(0));
    assert.equal(read.candidateFacts('money', ['amazon'], [])[0], read.candidateFacts('money', ['amazon'], [])[0]);
  });

  it('reads from its source the head at once, and then only the records a check asks for', () => {
    const [, built] = knowledgeBasesToCompare()[1];
    const encoded = encodeKnowledgeBase(built, FILES)!;
    const bytes = concatBytes(encoded.chunks);
    const reads: number[] = [];
    const read = decodeKnowledgeBase({ head: bytes.subarray(0, encoded.headLength), read: (offset, length) => (reads.push(length), bytes.subarray(offset, offset + length)) }, FILES);
    assert.deepEqual(reads, [], 'no record read to load it');
    const text = 'Amazon has invested $8 billion in Anthropic.';
    assert.deepEqual(checkDocument(text, read).findings, checkDocument(text, built).findings);
    // Some facts, entities and names' nodes, each one record: far fewer than the 300 facts and their entries.
    assert.ok(reads.length > 0 && reads.length < 150, `${reads.length} records read`);
    assert.ok(encoded.headLength < bytes.length / 2, 'the head is the smaller part');
  });

  it('hands its records to a spill as they are written, the same bytes in the same places', () => {
    const [, built] = knowledgeBasesToCompare()[1];
    const whole = concatBytes(encodeKnowledgeBase(built, FILES)!.chunks);
    const spilled: Uint8Array[] = [];
    // The writer uses a spilled chunk's bytes again: a spill copies them.
    const encoded = encodeKnowledgeBase(built, FILES, { spill: (bytes) => void spilled.push(bytes.slice()) })!;
    const head = concatBytes(encoded.chunks);
    assert.equal(head.length, encoded.headLength, 'the chunks are the head alone');
    assert.equal(encoded.spilled, whole.length - head.length);
    assert.deepEqual(concatBytes([head, ...spilled]), whole);
  });

  it('is the same, byte for byte, written from the parts of the merged files as from the knowledge base built from them', () => {
    const bundled = JSON.parse(readFileSync('src/knowledge/bundled/dealcheck.dealkb.json', 'utf8'));
    const copies = ['Velorin', 'Trastik'].map((name) => {
      // Renamed ids, so that the copies are entries of their own.
      const text = JSON.stringify(bundled).replace(/"(id|subject|object|source|family|maker)": ?"([^"]+)"/g, `"$1":"$2-${name.toLowerCase()}"`);
      return loadKnowledgeBaseText(`copy-${name}.dealkb.json`, text);
    });
    for (const files of [[bundledKnowledgeBase()], [bundledKnowledgeBase(), ...copies], [loadKnowledgeBaseText('trucks.dealkb.json', readFileSync('test/domains/electric-trucks/electric-trucks.dealkb.json', 'utf8'))]]) {
      const names = files.map((f) => f.file);
      const built = knowledgeBaseOfMerged(mergeKnowledgeBases(files));
      assert.deepEqual(built.problems, []);
      const parts = knowledgePartsOfMerged(mergeKnowledgeBases(files));
      assert.deepEqual(concatBytes(encodeKnowledgeBase(parts, names)!.chunks), concatBytes(encodeKnowledgeBase(built.kb, names)!.chunks), names.join(', '));
      // Assembled from the parts (a snapshot that could not be written), it is the built one.
      const assembled = assembleKnowledgeBase(parts);
      assert.deepEqual(assembled.facts, built.kb.facts);
      for (const text of probeTexts(built.kb)) assert.deepEqual(assembled.findMentions(text), built.kb.findMentions(text));
    }
  });

  it('names its facts\' files as the caller names them when read back', () => {
    const built = knowledgeBasesToCompare()[1][1];
    const read = decodeKnowledgeBase(snapshotOf(built), ['bundled', 'a', 'b', 'c']);
    const id = built.facts.at(-1)!.fact.id;
    assert.equal(built.definedIn(id), 'copy-Quonder.dealkb.json');
    // Built from files named otherwise than FILES: its facts' files are in no list, so none is named.
    assert.equal(read.definedIn(id), undefined);
    const named = [BUNDLED_KB_NAME, 'copy-Velorin.dealkb.json', 'copy-Trastik.dealkb.json', 'copy-Quonder.dealkb.json'];
    assert.equal(decodeKnowledgeBase(snapshotOf(built, named), ['b', 'x', 'y', 'z']).definedIn(id), 'z');
  });

  it('keeps text past ASCII, pairs of surrogates included', () => {
    const text = JSON.parse(readFileSync(join(__dirname, '../../fixtures/matching.dealkb.json'), 'utf8'));
    text.facts[0].statement = 'Café — 🚀 naïve “quoted” ∑';
    text.facts[0].assertions[0].quote = `${text.facts[0].assertions[0].quote} 🚀—é`;
    const { kb, problems } = loadKnowledgeBase({ files: [{ path: 'k.dealkb.json', text: JSON.stringify(text) }], useBundled: false });
    assert.deepEqual(problems, []);
    assert.deepEqual(readBack(kb, ['k.dealkb.json']).facts, kb.facts);
  });
});

describe('the findings of every draft of the dev corpus and test/corpus, against a snapshot of the bundled knowledge base and three copies', () => {
  const [, built] = knowledgeBasesToCompare()[1];
  const read = readBack(built);
  for (const corpus of loadManifest().filter((c) => ['dev', 'corpus'].includes(c.name))) {
    it(corpus.name, () => {
      const dir = corpusDir(corpus);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        const options = { includeSupported: true, blockBudgetMs: Infinity };
        assert.deepEqual(checkDocument(text, read, options).findings, checkDocument(text, built, options).findings, file);
      }
    });
  }
});

describe('a snapshot that does not hold together', () => {
  const bytes = snapshotOf(loadKnowledgeBase({ files: [], useBundled: true }).kb, [BUNDLED_KB_NAME]);
  const header = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const patched = (f: (b: Uint8Array) => Uint8Array) => f(bytes.slice());
  const rows: [name: string, bytes: Uint8Array, message: RegExp][] = [
    ['empty', new Uint8Array(0), /too short/],
    ['a header longer than the snapshot', patched((b) => (new DataView(b.buffer).setUint32(0, b.length, true), b)), /header runs past/],
    ['a header that is not JSON', patched((b) => (b.fill(0x7b, 4, 4 + header), b)), /header is not JSON/],
    ['another format', patched((b) => (b[4 + new TextDecoder().decode(b.subarray(4, 4 + header)).indexOf(`"format":${SNAPSHOT_FORMAT}`) + '"format":'.length] = 0x39, b)), /format 9/],
    ['its head cut short', bytes.subarray(0, 4 + header + 64), /head is cut short/],
  ];
  for (const [name, b, message] of rows)
    it(`${name}: refused with a SnapshotError`, () =>
      assert.throws(
        () => decodeKnowledgeBase(b, [BUNDLED_KB_NAME]),
        (e: unknown) => e instanceof SnapshotError && message.test(e.message),
      ));

  it('records cut short are refused when read, with a SnapshotError', () => {
    // The head alone: every record is past the end.
    const { headLength } = encodeKnowledgeBase(loadKnowledgeBase({ files: [], useBundled: true }).kb, [BUNDLED_KB_NAME])!;
    const kb = decodeKnowledgeBase(bytes.subarray(0, headLength), [BUNDLED_KB_NAME]);
    assert.throws(() => kb.findMentions('Amazon'), SnapshotError);
    assert.throws(() => kb.facts, SnapshotError);
  });

  it('a knowledge base that was not built from files has none', () => {
    const built = loadKnowledgeBase({ files: [], useBundled: true }).kb;
    assert.equal(encodeKnowledgeBase({ ...built }, [BUNDLED_KB_NAME]), undefined);
  });
});

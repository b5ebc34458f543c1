// For knowledge base authors: every figure in a draft with every fact that could be its subject,
// scored, and whether the fact's sources agree. Usage: npx tsx scripts/explain.ts DRAFT.md [--kb FILE]...
import { readFileSync } from 'node:fs';
import { explainUnit } from '../src/diagnostics/matching/matcher';
import { splitBlocks } from '../src/diagnostics/markdown/blocks';
import { parseProse } from '../src/diagnostics/markdown/prose';
import { loadKnowledgeBase } from '../src/knowledge';

const args = process.argv.slice(2);
const files = args.flatMap((a, i) => (args[i - 1] === '--kb' ? [a] : []));
const draft = args.find((a, i) => a !== '--kb' && args[i - 1] !== '--kb');
if (!draft) throw new Error('usage: npx tsx scripts/explain.ts DRAFT.md [--kb FILE]...');
const { kb, problems } = loadKnowledgeBase({ files: files.map((path) => ({ path, text: readFileSync(path, 'utf8') })), useBundled: true });
for (const p of problems) console.error(`${p.file}:${p.line + 1}: ${p.field}: ${p.message}`);
const text = readFileSync(draft, 'utf8');
for (const unit of splitBlocks(text).flatMap((b) => parseProse(b.text).units)) {
  for (const { figure, candidates } of explainUnit(unit, kb)) {
    console.log(`${JSON.stringify(figure.text)} in ${JSON.stringify(unit.text.trim().slice(0, 90))}`);
    if (!candidates.length) console.log('    (no fact fits)');
    for (const c of candidates.slice(0, 5)) console.log(`    ${(c.score ?? NaN).toFixed(2).padStart(6)} ${c.agrees ? 'agrees  ' : 'disagree'} ${c.fact}`);
  }
}

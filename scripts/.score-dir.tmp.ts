// Scores one folder of labelled drafts with the bundled knowledge base; prints only the figures unless --mistakes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '/work/wt-matcher/src/diagnostics/engine';
import { loadKnowledgeBase } from '/work/wt-matcher/src/knowledge';
import { formatScore, loadLabels, score } from '/work/wt-matcher/test/support/scorer';
const dir = process.argv[2];
const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const findings = new Map(readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => [f, checkDocument(readFileSync(join(dir, f), 'utf8'), kb, { includeSupported: true, withFixes: false }).findings]));
const s = score(loadLabels(dir), findings);
console.log(formatScore(s));
if (process.argv.includes('--mistakes')) console.log(s.mistakes.join('\n'));

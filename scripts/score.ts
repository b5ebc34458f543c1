// npm run score [-- --mistakes] [CORPUS...]: every labelled corpus of test/corpora.json, checked in
// process and scored as a whole and by round (precision, recall, citation coverage, open-world errors).
import { checkCorpus, loadManifest, scoreOf } from '../test/support/corpora';
import { formatScore } from '../test/support/scorer';

const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('--'));
for (const corpus of loadManifest().filter((c) => !wanted.length || wanted.includes(c.name))) {
  const checked = checkCorpus(corpus);
  const whole = scoreOf(checked);
  console.log(`${corpus.name.padEnd(16)} ${formatScore(whole)}`);
  if (corpus.rounds.length > 1) for (const r of corpus.rounds) console.log(`  ${r.name.padEnd(14)} ${formatScore(scoreOf(checked, r.name))}`);
  if (args.includes('--mistakes')) for (const m of whole.mistakes) console.log(`    ${m}`);
}

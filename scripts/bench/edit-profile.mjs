// A server's CPU profile cut into one stretch per keystroke: for the edits edit-tail.mjs timed
// (its --json file) and the profile of the server it ran (--node-args="--cpu-prof
// --cpu-prof-dir=DIR --cpu-prof-interval=100"), each edit's server time by where it went:
// garbage collection, idle (waiting for the client), and the functions that took most of the
// rest. Both clocks are the monotonic clock (process.hrtime and V8's profile timestamps), so the
// stretches line up. Not a test:
//   node scripts/bench/edit-profile.mjs EDITS.json PROFILE.cpuprofile [--slowest N] [--quiet]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { slowest: { type: 'string', default: '15' }, quiet: { type: 'boolean', default: false } } });
const [editsFile, profileFile] = positionals;
const edits = JSON.parse(readFileSync(editsFile, 'utf8'));
const profile = JSON.parse(readFileSync(profileFile, 'utf8'));

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').at(-1)}:${n.callFrame.lineNumber + 1}`;

/** The samples' times (µs, monotonic) and nodes. */
const samples = [];
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  samples.push({ t, node: nodes.get(profile.samples[i]) });
}

/** Each edit's samples: from its send to its answer. */
function stretch(e) {
  const within = samples.filter((s) => s.t >= e.sentUs && s.t <= e.answeredUs);
  const self = new Map();
  const inclusive = new Map();
  let gc = 0;
  let idle = 0;
  let total = 0;
  for (let k = 0; k < within.length; k++) {
    const dt = (k + 1 < within.length ? within[k + 1].t : e.answeredUs) - within[k].t;
    const name = within[k].node.callFrame.functionName;
    total += dt;
    if (name === '(garbage collector)') gc += dt;
    else if (name === '(idle)') idle += dt;
    const l = label(within[k].node);
    self.set(l, (self.get(l) ?? 0) + dt);
    const seen = new Set();
    for (let id = within[k].node.id; id !== undefined; id = parent.get(id)) {
      const pl = label(nodes.get(id));
      if (seen.has(pl)) continue;
      seen.add(pl);
      inclusive.set(pl, (inclusive.get(pl) ?? 0) + dt);
    }
  }
  return { total, gc, idle, self, inclusive };
}

const ms = (us) => (us / 1000).toFixed(1);
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${ms(v)} ${k}`);
const sums = { gc: 0, idle: 0, total: 0 };
const all = edits.map((e) => ({ e, s: stretch(e) }));
for (const { s } of all) for (const k of Object.keys(sums)) sums[k] += s[k];
console.log(`${edits.length} edits: server GC ${ms(sums.gc / edits.length)} ms, idle ${ms(sums.idle / edits.length)} ms, in all ${ms(sums.total / edits.length)} ms per edit`);
const slowest = [...all].sort((a, b) => b.e.ms - a.e.ms).slice(0, Number(opts.slowest));
for (const { e, s } of slowest) {
  console.log(`#${e.i} ${e.ms.toFixed(1)} ms (${e.kind} ${e.bytes} B${e.delimiterRow ? ', delimiter row' : ''}${e.unchanged ? ', unchanged' : ''}): GC ${ms(s.gc)}, idle ${ms(s.idle)}, busy ${ms(s.total - s.gc - s.idle)}`);
  if (!opts.quiet) {
    console.log(`    self: ${top(s.self, 6).join('; ')}`);
    console.log(`    inclusive: ${top(s.inclusive, 12).join('; ')}`);
  }
}

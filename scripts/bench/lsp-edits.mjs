// One-character edits over LSP, as npm run bench times them on every draft it opens in a server
// (scripts/bench.mjs, dense-draft.mjs, large-kb.mjs): the same seeded places and characters, so
// runs and drafts compare.

/** The p-th percentile of `xs` (0 for none). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** An offset as an LSP position, without splitting the draft into lines: the client's own garbage would show up as server latency. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * `edits` one-character edits ("x" or "7") at seeded random offsets below `within` (default: the
 * whole text as it grows), each sent as didChange and followed by a diagnostics pull with the last
 * result id, as VS Code sends it. Gives each edit → answer time in ms, how many answers were
 * "unchanged", and the last result id.
 */
export async function timeRandomEdits(conn, uri, text, { edits, resultId, within }) {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const times = [];
  let unchanged = 0;
  for (let i = 0; i < edits; i++) {
    const offset = Math.floor(random() * (within ?? text.length));
    const ch = random() < 0.5 ? 'x' : '7';
    const pos = positionAt(text, offset);
    text = text.slice(0, offset) + ch + text.slice(offset);
    const t = process.hrtime.bigint();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: pos, end: pos }, text: ch }] });
    const report = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (report.kind === 'unchanged') unchanged++;
    resultId = report.resultId;
  }
  return { times, unchanged, resultId };
}

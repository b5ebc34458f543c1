/** Findings as LSP diagnostics: severity by kind and setting, a byte budget, and comparison by value. */
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/diagnostics/finding';
import { MAX_DIAGNOSTIC_BYTES, sameDiagnostics, toDiagnostic } from '../../../src/server/diagnostics';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/server/settings';

const evidence = (n: number): Finding['evidence'] =>
  Array.from({ length: n }, (_, i) => ({
    source: `s${i}`,
    title: `A source title that goes on and on about Amazon's bets on OpenAI and Anthropic, number ${i}`,
    file: `s${i}.txt`,
    quote: 'Amazon has invested $25 billion in Anthropic.',
    value: `$${i + 1} billion`,
    agrees: false,
  }));

function finding(kind: Finding['kind'], extra: Partial<Finding> = {}): Finding {
  return {
    kind,
    code: `money-${kind}`,
    severity: 'warning',
    range: { start: { line: 2, character: 16 }, end: { line: 2, character: 27 } },
    text: '$35 billion',
    message: "$35 billion conflicts with every source on Amazon's investment in Anthropic: $25 billion.",
    fact: 'amazon-anthropic-investment',
    evidence: evidence(2),
    fixes: [],
    ...extra,
  };
}

const locate = (_f: Finding, e: Finding['evidence'][number]) => ({ uri: `file:///work/sources/${e.file}`, line: 3 });

describe('server diagnostics', () => {
  const severities: [string, Finding, Partial<Settings>, number | undefined][] = [
    ['a conflict is a warning', finding('conflict'), {}, 2],
    ['a conflict follows its kind\'s severity', finding('conflict'), { severity: { ...DEFAULT_SETTINGS.severity, money: 'error' } }, 1],
    ['a supported figure is silent', finding('supported'), {}, undefined],
    ['a supported figure is a hint with showSupported', finding('supported'), { showSupported: true }, 4],
    ['an unverified figure is silent', finding('unverified', { fact: undefined, evidence: [] }), {}, undefined],
    ['an unverified figure is a hint with showUnverified', finding('unverified', { fact: undefined, evidence: [] }), { showUnverified: true }, 4],
    ['an outdated figure is information', finding('outdated'), {}, 3],
    ['an unchecked paragraph is information', finding('unchecked', { code: 'unchecked-error', evidence: [] }), {}, 3],
  ];
  for (const [name, f, settings, expected] of severities)
    it(name, () => assert.equal(toDiagnostic(f, { ...DEFAULT_SETTINGS, ...settings }, locate)?.severity, expected));

  it('names the setting that raises the time budget', () => {
    const d = toDiagnostic(finding('unchecked', { code: 'unchecked-time', message: 'dealcheck skipped this paragraph.', evidence: [] }), DEFAULT_SETTINGS, locate)!;
    assert.equal(d.message, 'dealcheck skipped this paragraph. (setting: dealcheck.blockTimeBudgetMs)');
  });

  it('gives each source as related information, by its publisher or its title cut short', () => {
    const d = toDiagnostic(finding('conflict', { evidence: evidence(2).map((e, i) => (i ? { ...e, publisher: 'AINews' } : e)) }), DEFAULT_SETTINGS, locate)!;
    assert.deepEqual(d.relatedInformation?.map((r) => r.message), ['says $1 billion (A source title that goes on and on abou…)', 'says $2 billion (AINews)']);
  });

  const budgets: [string, Finding, number, boolean][] = [
    ['twelve sources keep as many as fit, the message whole', finding('conflict', { evidence: evidence(12) }), 3, false],
    ['a huge message is cut, every source dropped', finding('conflict', { message: `$35 billion ${'conflicts '.repeat(200)}`, evidence: evidence(3) }), 0, true],
  ];
  for (const [name, f, related, cut] of budgets)
    it(`stays within ${MAX_DIAGNOSTIC_BYTES} bytes: ${name}`, () => {
      const d = toDiagnostic(f, DEFAULT_SETTINGS, locate)!;
      assert.ok(JSON.stringify(d).length <= MAX_DIAGNOSTIC_BYTES, `${JSON.stringify(d).length} bytes`);
      assert.equal(d.relatedInformation?.length ?? 0, related);
      assert.equal(d.message === f.message, !cut);
      if (cut) assert.ok(String(d.message).endsWith('…') && f.message.startsWith(String(d.message).slice(0, -1)));
    });

  it('compares diagnostics by value, not identity', () => {
    const a = [toDiagnostic(finding('conflict'), DEFAULT_SETTINGS, locate)!];
    const b = [toDiagnostic(finding('conflict'), DEFAULT_SETTINGS, locate)!];
    assert.notEqual(a[0], b[0]);
    assert.equal(sameDiagnostics(a, b), true);
    const moved = [toDiagnostic(finding('conflict', { range: { start: { line: 3, character: 16 }, end: { line: 3, character: 27 } } }), DEFAULT_SETTINGS, locate)!];
    assert.equal(sameDiagnostics(a, moved), false);
    const otherSource = [toDiagnostic(finding('conflict', { evidence: evidence(2).map((e, i) => (i ? { ...e, value: '$9 billion' } : e)) }), DEFAULT_SETTINGS, locate)!];
    assert.equal(sameDiagnostics(a, otherSource), false);
  });
});

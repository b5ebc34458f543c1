/** The coverage report's model and renderers (src/report/), on findings made by hand and by the engine. */
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/diagnostics/engine';
import type { Finding } from '../../../src/diagnostics/finding';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { CoverageReport, coverageReport, percent, renderHtml, renderMarkdown, renderReport, renderText } from '../../../src/report';
import { cell } from '../../../src/report/markdown';
import { lineStarts, offsetAt } from '../../../src/report/positions';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const DRAFT = [
  '# Amazon',
  '',
  'Amazon invested $35 billion in Anthropic this spring.',
  '',
  'Microsoft has put about $13 billion into OpenAI.',
  '',
  'Apple bought Beats for $3 billion in 2014.',
  '',
].join('\n');

function figure(kind: Finding['kind'], line: number, character: number, text: string, extra: Partial<Finding> = {}): Finding {
  return {
    kind,
    code: `money-${kind}`,
    severity: kind === 'conflict' ? 'warning' : 'hint',
    range: { start: { line, character }, end: { line, character: character + text.length } },
    text,
    message: `${text} is ${kind}`,
    evidence: [],
    fixes: [],
    ...extra,
  };
}

const EVIDENCE = { source: 's1', title: 'Source One', file: 's1.txt', quote: 'Microsoft put $13 billion into OpenAI.', value: '$13 billion', agrees: true };

/** The findings the engine gives DRAFT, made by hand so these tests do not move with the matcher. */
function findingsOf(_text: string): Finding[] {
  return [
    figure('conflict', 2, 16, '$35 billion', { statement: "Amazon's investment in Anthropic", evidence: [{ ...EVIDENCE, value: '$8 billion', agrees: false }] }),
    figure('supported', 4, 24, '$13 billion', { statement: "Microsoft's investment in OpenAI", evidence: [EVIDENCE] }),
    figure('unverified', 6, 23, '$3 billion'),
    { ...figure('unverified', 6, 37, '2014'), code: 'date-unverified' },
  ];
}

describe('report: model', () => {
  it('counts each verdict and the supported share of all figures', () => {
    const report = coverageReport([{ path: 'a.md', text: DRAFT, findings: findingsOf(DRAFT) }]);
    assert.deepEqual(report.files[0].counts, { figures: 4, supported: 1, conflict: 1, outdated: 0, unverified: 2 });
    assert.equal(report.files[0].coverage, 0.25);
    assert.deepEqual(
      report.files[0].figures.map((f) => [f.kind, f.text]),
      [['conflict', '$35 billion'], ['supported', '$13 billion'], ['unverified', '$3 billion'], ['unverified', '2014']],
    );
    assert.equal(CoverageReport.safeParse(report).success, true);
  });

  it('adds up several drafts; a draft with no figure has no coverage', () => {
    const report = coverageReport([
      { path: 'a.md', text: DRAFT, findings: findingsOf(DRAFT) },
      { path: 'b.md', text: 'No figures here.\n', findings: [] },
      { path: 'c.md', text: '', findings: [], error: 'cannot read it: permission denied' },
    ]);
    assert.deepEqual(report.totals, { files: 3, figures: 4, supported: 1, conflict: 1, outdated: 0, unverified: 2, coverage: 0.25 });
    assert.equal(report.files[1].coverage, null);
    assert.equal(report.files[2].error, 'cannot read it: permission denied');
  });

  it("counts what the engine finds: every figure once, by its kind", () => {
    const findings = checkDocument(DRAFT, kb, { includeSupported: true, includeUnverified: true }).findings;
    const { counts } = coverageReport([{ path: 'a.md', text: DRAFT, findings }]).files[0];
    assert.equal(counts.figures, findings.length);
    assert.equal(counts.supported + counts.conflict + counts.outdated + counts.unverified, counts.figures);
    assert.ok(counts.unverified >= 1 && counts.supported >= 1);
  });

  const percents: [number | null, string][] = [[null, 'n/a'], [0, '0%'], [1 / 3, '33%'], [0.995, '100%'], [1, '100%']];
  for (const [value, shown] of percents) it(`shows coverage ${value} as ${shown}`, () => assert.equal(percent(value), shown));
});

describe('report: positions', () => {
  const cases: [name: string, text: string, line: number, character: number, offset: number][] = [
    ['LF', 'ab\ncd', 1, 1, 4],
    ['CRLF', 'ab\r\ncd', 1, 1, 5],
    ['a lone CR', 'ab\rcd', 1, 1, 4],
    ['past the line end (clamped to the next line start)', 'ab\ncd', 0, 9, 3],
    ['past the last line (clamped to the end)', 'ab', 4, 0, 2],
  ];
  for (const [name, text, line, character, offset] of cases)
    it(`maps a position to an offset: ${name}`, () => assert.equal(offsetAt(lineStarts(text), text.length, { line, character }), offset));
});

describe('report: markdown', () => {
  const cells: [string, string][] = [
    ['a | b', 'a \\| b'],
    ['line\nbreak', 'line break'],
    ['<script>x</script>', '\\<script\\>x\\</script\\>'],
    ['*bold* _it_ `code` [link]', '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\]'],
  ];
  for (const [raw, escaped] of cells) it(`escapes a table cell: ${JSON.stringify(raw)}`, () => assert.equal(cell(raw), escaped));

  it('renders the summary table and one row per figure', () => {
    const md = renderMarkdown(coverageReport([{ path: 'drafts/a.md', text: DRAFT, findings: findingsOf(DRAFT) }]));
    const lines = md.split('\n');
    assert.equal(lines[4], '| drafts/a.md | 4 | 1 | 1 | 0 | 2 | 25% |');
    assert.deepEqual(
      lines.filter((l) => /^\| \d+ \|/.test(l)).map((l) => l.split(' | ').slice(0, 3).join(' | ')),
      ['| 3 | $35 billion | **conflict**', '| 5 | $13 billion | supported', '| 7 | $3 billion | _unverified_', '| 7 | 2014 | _unverified_'],
    );
  });
});

describe('report: html', () => {
  const text = 'A <b>$35 billion</b> & more\r\nthen 40% here\n';
  const findings = [
    figure('conflict', 0, 5, '$35 billion', {
      statement: 'A "fact"',
      evidence: [{ source: 's', title: 'T <i>', file: 'f', quote: 'It was $25 billion & "more"', value: '$25 billion', agrees: false }],
    }),
    figure('unverified', 1, 5, '40%'),
  ];
  const html = renderHtml(coverageReport([{ path: 'x<y>.md', text, findings }]), new Map([['x<y>.md', text]]));

  it('marks each figure where it stands, with its verdict and the source quote inline, all escaped', () => {
    assert.match(
      html,
      /A &lt;b&gt;<mark class="conflict" id="figure-1" title="conflict">\$35 billion<\/mark><span class="note conflict"><b>conflict<\/b> A &quot;fact&quot;: the sources say \$25 billion\. <q>It was \$25 billion &amp; &quot;more&quot;<\/q> <cite>T &lt;i&gt;<\/cite><\/span>&lt;\/b&gt; &amp; more\r\nthen <mark class="unverified" id="figure-2" title="unverified">40%<\/mark>/,
    );
  });

  it('is self-contained: no script, no external resource, a CSP that forbids them', () => {
    assert.doesNotMatch(html, /<script|<link|<img|src=|url\(|@import/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  });

  it('renderReport gives the same page as renderHtml, and the other formats', () => {
    const input = [{ path: 'x<y>.md', text, findings }];
    assert.equal(renderReport(input, 'html'), html);
    assert.deepEqual(JSON.parse(renderReport(input, 'json')), JSON.parse(JSON.stringify(coverageReport(input))));
    assert.equal(renderReport(input, 'markdown'), renderMarkdown(coverageReport(input)));
    assert.equal(renderReport(input, 'text'), renderText(coverageReport(input)));
  });
});

describe('report: text', () => {
  it('lists each figure under its draft, then the totals', () => {
    const out = renderText(coverageReport([{ path: 'a.md', text: DRAFT, findings: findingsOf(DRAFT) }]));
    assert.deepEqual(out.split('\n').map((l) => l.replace(/ {2,}/g, '  ').split('  ').slice(0, 4).join('|')), [
      'a.md|4 figures: 1 supported, 1 conflict, 2 unverified; coverage 25%',
      '|3:17|conflict|$35 billion',
      '|5:25|supported|$13 billion',
      '|7:24|unverified|$3 billion',
      '|7:38|unverified|2014',
      '',
      '1 draft, 4 figures: 1 supported, 1 conflict, 2 unverified; coverage 25%',
      '',
    ]);
  });
});

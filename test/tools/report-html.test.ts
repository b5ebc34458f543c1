/**
 * `dealcheck report --format html`, rendered in Debian's chromium (playwright-core, as the e2e
 * tests drive it): what a reviewer sees. Each figure is highlighted in its verdict's colour with
 * the verdict and the source's quote beside it, the coverage table adds up, and the page loads
 * nothing from anywhere. Needs chromium: `bash scripts/e2e/setup.sh` (npm run test:tools does it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { cliPath, repoRoot, requireBuilt } from '../integration/helpers';

// A knowledge base of one fact (Acme's acquisition of WidgetCo, $3 billion), so the verdicts do not move with the bundled one.
const KB = join(repoRoot, 'test/fixtures/acme.dealkb.json');
const DRAFT = readFileSync(join(repoRoot, 'test/fixtures/acme-draft.md'), 'utf8');

async function launch(): Promise<Browser> {
  // The e2e tests' own launcher: Debian's chromium with the flags a container needs.
  const { launchChromium } = (await import(pathToFileURL(join(repoRoot, 'scripts/e2e/code-server.mjs')).href)) as { launchChromium: () => Promise<Browser> };
  return launchChromium();
}

describe('the HTML report in chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    requireBuilt(cliPath);
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-html-'));
    writeFileSync(join(dir, 'draft.md'), DRAFT);
    writeFileSync(join(dir, 'empty.md'), 'Nothing to count here.\n');
    const r = spawnSync(process.execPath, [cliPath, 'report', '--no-bundled-kb', '--kb', KB, '--format', 'html', '-o', 'report.html', 'draft.md', 'empty.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    const shots = join(repoRoot, 'test-results/report');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
  });

  after(async () => browser?.close());

  it('loads nothing but the page itself', () => {
    assert.equal(requests.length, 1);
    assert.match(requests[0], /^file:.*report\.html$/);
  });

  it('shows the coverage table: one row per draft and the totals', async () => {
    const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
    // Draft, figures, supported, conflicts, outdated, unverified, coverage.
    assert.deepEqual(rows, [
      ['draft.md', '4', '1', '1', '0', '2', '25%'],
      ['empty.md', '0', '0', '0', '0', '0', 'n/a'],
      ['all 2 drafts', '4', '1', '1', '0', '2', '25%'],
    ]);
  });

  it('highlights every figure of the draft, in the text as written', async () => {
    const marks = await page.$$eval('#draft-1 mark', (ms) => ms.map((m) => [m.textContent, m.className]));
    assert.deepEqual(marks, [
      ['$5 billion', 'conflict'],
      ['$3 billion', 'supported'],
      ['40%', 'unverified'],
      ['2014', 'unverified'],
    ]);
    // The draft's own text is shown as text, not as markup.
    assert.match(await page.innerText('#draft-1 .draft'), /says <someone> & co\./);
  });

  it('writes each verdict and the source quote beside its figure', async () => {
    const notes = await page.$$eval('#draft-1 mark + .note', (ns) => ns.map((n) => (n as HTMLElement).innerText));
    assert.deepEqual(notes, [
      "CONFLICT Acme's acquisition of WidgetCo: the sources say $3 billion. Acme will buy WidgetCo for $3 billion in cash. Team memo on the Acme deal, 2026-05",
      "SUPPORTED Acme's acquisition of WidgetCo: Acme will buy WidgetCo for $3 billion in cash. Team memo on the Acme deal, 2026-05",
      'UNVERIFIED no fact in the knowledge base covers this figure',
      'UNVERIFIED no fact in the knowledge base covers this figure',
    ]);
    // The quote stands in quotation marks (CSS's, which innerText leaves out).
    const quote = await page.$eval('#draft-1 mark.supported + .note q', (q) => [getComputedStyle(q, '::before').content, q.textContent]);
    assert.deepEqual(quote, ['open-quote', 'Acme will buy WidgetCo for $3 billion in cash.']);
  });

  it('gives each verdict its own colour, visible on the page', async () => {
    const colour = (kind: string) => page.$eval(`#draft-1 mark.${kind}`, (m) => getComputedStyle(m).backgroundColor);
    const colours = [await colour('conflict'), await colour('supported'), await colour('unverified')];
    assert.equal(new Set(colours).size, 3, colours.join(' / '));
    for (const c of colours) assert.notEqual(c, 'rgba(0, 0, 0, 0)');
    const box = await page.$eval('#draft-1 mark.conflict', (m) => {
      const r = m.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    assert.ok(box.width > 20 && box.height > 10, JSON.stringify(box));
  });
});

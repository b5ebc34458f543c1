/** Only prose is checked: code, HTML, URLs, front matter and citation footnotes are blanked or skipped. */
import assert from 'node:assert/strict';
import { parseMarkdownProse, parseProse, plainParagraph } from '../../src/diagnostics/markdown/prose';

function prose(md: string): string[] {
  return parseProse(md).units.map((u) => u.text.replace(/\s+/g, ' ').trim());
}

describe('parseProse', () => {
  const cases: [string, string, string[]][] = [
    ['paragraph', 'Amazon invested $8 billion.', ['Amazon invested $8 billion.']],
    ['heading markers', '## Amazon $8 billion', ['Amazon $8 billion']],
    ['emphasis markers', 'up to **$25 billion**', ['up to $25 billion']],
    ['inline code', 'a `$4 billion` b', ['a b']],
    ['link text is prose, URL is not', '[Amazon $8B](https://x.com/$9B)', ['Amazon $8B']],
    ['image', '![chart $5B](x.png) text', ['text']],
    ['inline HTML comment', 'a <!-- $3B --> b', ['a b']],
    ['HTML block', '<div>\n$3 billion\n</div>', []],
    ['fenced code', '```\n$3 billion\n```', []],
    ['indented code', '    $3 billion', []],
    ['front matter', '---\ntitle: $3 billion\n---\n\ntext', ['text']],
    ['block quote', '> quoted $5 billion', ['quoted $5 billion']],
    ['list items', '- one $1B\n- two $2B', ['one $1B', 'two $2B']],
    ['citation footnote', 'a[^dc-002]\n\n[^dc-002]: "quote $25 billion"', ['a']],
    ['other footnotes are prose', 'a[^1]\n\n[^1]: note $25 billion', ['a', 'note $25 billion']],
    ['table cells', '| Cloud | Revenue |\n|---|---|\n| AWS | $45B |', ['Cloud', 'Revenue', 'AWS', '$45B']],
  ];
  for (const [name, md, expected] of cases) it(name, () => assert.deepEqual(prose(md), expected));

  it('keeps offsets: unit text lines up with the source', () => {
    const md = 'Intro\n\nSay **$25 billion** in [Anthropic](http://a.b).';
    for (const u of parseProse(md).units) {
      for (let i = 0; i < u.text.length; i++) if (u.text[i] !== ' ') assert.equal(u.text[i], md[u.start + i]);
    }
  });

  it('gives table cells their row and column headers, and the row\'s other cells', () => {
    const units = parseProse('| Cloud | Share |\n|---|---|\n| AWS | 32% |').units;
    assert.deepEqual(units.at(-1)!.table, { rowHeader: 'AWS', columnHeader: 'Share', rowContext: '' });
    const deal = parseProse('| Company | Partner | Amount | Note |\n|---|---|---|---|\n| Amazon | *Anthropic* | $25B | upfront |').units;
    assert.deepEqual(deal.find((u) => u.text.includes('$25B'))!.table, { rowHeader: 'Amazon', columnHeader: 'Amount', rowContext: 'Anthropic | upfront' });
  });

  it('reads control comments', () => {
    const { comments } = parseProse('<!-- dealcheck-disable money-conflict -->\n\ntext <!-- dealcheck-enable -->');
    assert.deepEqual(comments.map((c) => [c.directive, c.rules]), [['disable', ['money-conflict']], ['enable', []]]);
  });
});

describe('plain paragraphs skip the parser and give the same prose', () => {
  const words = ['Amazon', 'invested', '$8 billion', 'in', 'Anthropic', '40%', '2024', 'and', ',', '.', 'Q3 2026', '\n', '\r\n', '  ', '-', '#', '1.', '*', '_', '`x`', '[a](b)', 'https://x.io/1', '<b>', '|', '>', '    ', 'www.x.com', 'a@b.co', '&amp;', '~~'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 1000; i++) {
    const parts = Array.from({ length: 2 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]);
    const block = parts.join(random() < 0.7 ? ' ' : '');
    it(`block ${i}: ${JSON.stringify(block)}`, () => {
      const plain = plainParagraph(block);
      if (plain) assert.deepEqual(plain, parseMarkdownProse(block));
    });
  }
  it('GFM autolinks are URLs, not prose', () => assert.deepEqual(prose('see https://x.io/35-billion now'), ['see now']));
});

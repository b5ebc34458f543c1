/** Only prose is checked: code, HTML, URLs, front matter and citation footnotes are blanked or skipped. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitBlocks } from '../../src/diagnostics/markdown/blocks';
import { plainBlock, plainList, plainParagraphs, plainTable } from '../../src/diagnostics/markdown/plain-blocks';
import { parseMarkdownProse, parseProse } from '../../src/diagnostics/markdown/prose';

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

  it('gives table cells their row and column headers, the row\'s other cells and the header row', () => {
    const units = parseProse('| Cloud | Share |\n|---|---|\n| AWS | 32% |').units;
    assert.deepEqual(units.at(-1)!.table, { rowHeader: 'AWS', columnHeader: 'Share', rowContext: '', headerRow: 'Cloud | Share' });
    const deal = parseProse('| Company | Partner | Amount | Note |\n|---|---|---|---|\n| Amazon | *Anthropic* | $25B | upfront |').units;
    assert.deepEqual(deal.find((u) => u.text.includes('$25B'))!.table, { rowHeader: 'Amazon', columnHeader: 'Amount', rowContext: 'Anthropic | upfront', headerRow: 'Company | Partner | Amount | Note' });
  });

  it('reads control comments', () => {
    const { comments } = parseProse('<!-- dealcheck-disable money-conflict -->\n\ntext <!-- dealcheck-enable -->');
    assert.deepEqual(comments.map((c) => [c.directive, c.rules]), [['disable', ['money-conflict']], ['enable', []]]);
  });
});

describe('plain paragraphs skip the parser and give the same prose', () => {
  it('several paragraphs in one block, the later ones indented', () => {
    const md = 'First $5 billion.\n\n  Second, 40%.\n \n   Third.\n';
    assert.deepEqual(plainParagraphs(md), parseMarkdownProse(md));
    assert.equal(plainParagraphs(md)?.units.length, 3);
  });
  const words = ['Amazon', 'invested', '$8 billion', 'in', 'Anthropic', '40%', '2024', 'and', ',', '.', 'Q3 2026', '\n', '\r\n', '  ', '-', '#', '1.', '*', '_', '`x`', '[a](b)', 'https://x.io/1', '<b>', '|', '>', '    ', 'www.x.com', 'a@b.co', '&amp;', '~~', '~', '~$5B'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 1000; i++) {
    const parts = Array.from({ length: 2 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]);
    const block = parts.join(random() < 0.7 ? ' ' : '');
    it(`block ${i}: ${JSON.stringify(block)}`, () => {
      const plain = plainBlock(block);
      if (plain) assert.deepEqual(plain, parseMarkdownProse(block));
    });
  }
  it('GFM autolinks are URLs, not prose', () => assert.deepEqual(prose('see https://x.io/35-billion now'), ['see now']));
});

describe('plain lists, tables and runs of paragraphs skip the parser and give the same prose', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const words = ['Amazon', 'invested', '$8 billion', 'Anthropic', '40%', '2024', 'and', ',', '.', ':', '#', '-', '1.', '~$5B', '  ', ''];
  const tricky = ['*', '_', '`x`', '[a](b)', '<b>', '\\|', '>', '\t', 'a@b.co', '|', '~', '~~'];
  const phrase = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random() < 0.05 ? tricky : words)).join(pick([' ', ' ', '']));

  /** Asserts the fast path agrees with the parser wherever it answers; returns how often it answered. */
  function agree(read: (md: string) => unknown, blocks: string[]): number {
    let answered = 0;
    for (const block of blocks) {
      const fast = read(block);
      if (!fast) continue;
      answered++;
      assert.deepEqual(fast, parseMarkdownProse(block), `block ${JSON.stringify(block)}`);
    }
    return answered;
  }

  it('lists of one-line items, on random lists', () => {
    const blocks = Array.from({ length: 3000 }, () => {
      const eol = pick(['\n', '\n', '\r\n']);
      const markers = [pick(['-', '*', '+', '1.', '2)', '10.']), pick(['-', '*', '1.', '3.', '1)'])];
      const indent = pick(['', '', ' ', '   ', '    ']);
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${random() < 0.9 ? indent : pick(['', '  '])}${pick(markers)}${pick([' ', ' ', '  ', '     ', '\t', ''])}${phrase()}${pick(['', '  '])}`);
      return lines.join(eol) + pick(['', eol, eol + eol]);
    });
    assert.ok(agree(plainList, blocks) > 200);
  });

  it('paragraphs with blank lines between, on random blocks', () => {
    const blocks = Array.from({ length: 3000 }, () => {
      const eol = pick(['\n', '\n', '\r\n']);
      const paragraphs = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => {
        const lines = Array.from({ length: 1 + Math.floor(random() * 2) }, () => phrase() + pick(['', '', '  ']));
        return (i ? pick(['', ' ', '  ', '   ', '    ']) : '') + lines.join(eol);
      });
      return paragraphs.join(eol + pick(['', ' ', '\t']) + eol) + pick(['', eol, eol + eol]);
    });
    assert.ok(agree(plainParagraphs, blocks) > 200);
  });

  it('pipe tables of plain cells, on random tables', () => {
    const blocks = Array.from({ length: 3000 }, () => {
      const eol = pick(['\n', '\n', '\r\n']);
      const columns = 1 + Math.floor(random() * 4);
      const row = (n: number, cell: () => string) => {
        const cells = Array.from({ length: n }, cell);
        return `${random() < 0.95 ? '|' : ''}${cells.join('|')}${pick(['|', '|', '', '|  ', ' '])}`;
      };
      const cell = () => pick(['', ' ', '  ']) + (random() < 0.85 ? phrase() : '') + pick(['', ' ', '  ']);
      const delimiter = row(random() < 0.9 ? columns : columns + 1, () => pick(['---', ' --- ', ':--', '--:', ':-:', ' - ', '', 'x']));
      const lines = [row(columns, cell), delimiter, ...Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.9 ? row(Math.max(1, columns + pick([0, 0, 0, -1, 1])), cell) : phrase()))];
      const caption = random() < 0.3 ? Array.from({ length: 1 + Math.floor(random() * 2) }, phrase) : [];
      return [...caption, ...lines].join(eol) + pick(['', eol, eol + eol]);
    });
    assert.ok(agree(plainTable, blocks) > 200);
  });

  it('every block of the drafts in this repository', () => {
    const folders = ['test/corpus', 'test/corpus-varied', 'examples'];
    const blocks = folders.flatMap((folder) =>
      readdirSync(folder)
        .filter((f) => f.endsWith('.md'))
        .flatMap((f) => splitBlocks(readFileSync(join(folder, f), 'utf8')).map((b) => b.text)),
    );
    assert.ok(agree(plainBlock, blocks) > 100);
  });
});

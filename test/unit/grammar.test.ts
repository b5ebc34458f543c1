import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tests for syntaxes/dealcheck.injection.tmLanguage.json.
 *
 * vscode-textmate / vscode-oniguruma are not dependencies, so the rules are
 * exercised with JavaScript RegExp. The grammar deliberately sticks to the
 * common subset of Oniguruma and ECMAScript ('u' flag) syntax; the checks
 * below enforce that, and `tokenize` mimics TextMate's scan of one line:
 * at each position the rule whose match starts earliest wins (ties go to the
 * rule listed first), and scanning resumes after the match.
 */

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  comment?: string;
}

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammarPath = join(__dirname, '../../syntaxes/dealcheck.injection.tmLanguage.json');
const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as Grammar;

const MONEY = 'constant.numeric.money.dealcheck';
const PERCENT = 'constant.numeric.percent.dealcheck';
const CHIP = 'entity.name.type.chip.dealcheck';

/** Flatten includes into the ordered list of `match` rules TextMate would try. */
function flatten(rules: Rule[], seen = new Set<string>()): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    if (rule.include !== undefined) {
      assert.ok(rule.include.startsWith('#'), `only repository includes are expected, got ${rule.include}`);
      const key = rule.include.slice(1);
      const target = grammar.repository[key];
      assert.ok(target, `include ${rule.include} has no repository entry`);
      assert.ok(!seen.has(key), `include cycle through ${rule.include}`);
      out.push(...flatten([target], new Set([...seen, key])));
    } else if (rule.patterns !== undefined && rule.match === undefined) {
      out.push(...flatten(rule.patterns, seen));
    } else {
      out.push(rule);
    }
  }
  return out;
}

const rules = flatten(grammar.patterns);
const compiled = rules.map((r) => ({ name: r.name ?? '', re: new RegExp(r.match ?? '', 'gu') }));

interface Token {
  text: string;
  scope: string;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos <= line.length) {
    let best: { index: number; text: string; scope: string } | undefined;
    for (const { name, re } of compiled) {
      re.lastIndex = pos;
      const m = re.exec(line);
      if (m && (best === undefined || m.index < best.index)) {
        best = { index: m.index, text: m[0], scope: name };
      }
    }
    if (!best) break;
    if (best.text.length > 0) tokens.push({ text: best.text, scope: best.scope });
    pos = best.index + Math.max(best.text.length, 1);
  }
  return tokens;
}

describe('syntaxes/dealcheck.injection.tmLanguage.json', () => {
  describe('grammar structure', () => {
    it('is an injection grammar for Markdown', () => {
      assert.equal(grammar.scopeName, 'dealcheck.markdown.injection');
      const selector = grammar.injectionSelector;
      assert.match(selector, /^L:/, 'left-priority injection so our scopes win over plain text');
      assert.match(selector, /\btext\.html\.markdown\b/);
    });

    it('excludes code, inline code, comments and embedded blocks', () => {
      const excluded = grammar.injectionSelector
        .split(/\s+/)
        .filter((s) => s.startsWith('-'))
        .map((s) => s.slice(1));
      for (const scope of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'comment', 'meta.embedded']) {
        assert.ok(excluded.includes(scope), `injectionSelector should exclude ${scope}`);
      }
    });

    it('uses only named `match` rules scoped under .dealcheck', () => {
      assert.ok(rules.length > 0);
      for (const rule of rules) {
        assert.equal(rule.begin, undefined, 'begin/end rules could swallow Markdown lines');
        assert.equal(rule.end, undefined);
        assert.equal(typeof rule.match, 'string');
        assert.ok(rule.name, `rule ${rule.match} has no name`);
        assert.match(rule.name!, /\.dealcheck$/);
      }
      const scopes = new Set(rules.map((r) => r.name));
      assert.deepEqual([...scopes].sort(), [MONEY, PERCENT, CHIP].sort());
    });

    it('every pattern is valid JavaScript (u flag) and avoids Oniguruma-only syntax', () => {
      // Checked against the source with escaped characters removed, so that e.g. `\+` (a literal plus)
      // is not mistaken for a possessive quantifier.
      const onigurumaOnly: [RegExp, string][] = [
        [/\(\?[imx-]+[):]/, 'inline flag groups like (?i)'],
        [/\(\?>/, 'atomic groups'],
        [/[*+?}]\+/, 'possessive quantifiers'],
        [/\[\[:/, 'POSIX bracket classes'],
      ];
      for (const rule of rules) {
        const src = rule.match!;
        assert.doesNotThrow(() => new RegExp(src, 'u'), `invalid JS RegExp: ${src}`);
        assert.doesNotMatch(src, /\\[hHAzZGKRXyY]/, `Oniguruma-only escape (\\h, \\A, \\z, \\G, \\K ...) in ${src}`);
        const unescaped = src.replace(/\\./gu, '');
        for (const [detector, what] of onigurumaOnly) {
          assert.doesNotMatch(unescaped, detector, `${what} in ${src}`);
        }
      }
    });

    it('no pattern can match the empty string', () => {
      for (const { re } of compiled) {
        re.lastIndex = 0;
        assert.equal(re.exec(''), null, `${re.source} matches ''`);
      }
    });
  });

  describe('tokens', () => {
    const mustMatch: [line: string, expected: Token[]][] = [
      // money
      ['$25 billion', [{ text: '$25 billion', scope: MONEY }]],
      ['raised $25bn from', [{ text: '$25bn', scope: MONEY }]],
      ['a $25B deal', [{ text: '$25B', scope: MONEY }]],
      ['US$25 billion', [{ text: 'US$25 billion', scope: MONEY }]],
      ['between $10-15 billion a year', [{ text: '$10-15 billion', scope: MONEY }]],
      ['roughly $35–40 billion', [{ text: '$35–40 billion', scope: MONEY }]],
      ['$35—40 billion', [{ text: '$35—40 billion', scope: MONEY }]],
      ['at $1.50 per hour', [{ text: '$1.50', scope: MONEY }]],
      ['a $100 billion-plus commitment', [{ text: '$100 billion-plus', scope: MONEY }]],
      ['$100B+ of capex', [{ text: '$100B+', scope: MONEY }]],
      ['25 billion dollars', [{ text: '25 billion dollars', scope: MONEY }]],
      ['about 4 billion US dollars', [{ text: '4 billion US dollars', scope: MONEY }]],
      ['$1,000,000 exactly', [{ text: '$1,000,000', scope: MONEY }]],
      ['$8 billion to $10 billion', [{ text: '$8 billion to $10 billion', scope: MONEY }]],
      ['$4 Billion', [{ text: '$4 Billion', scope: MONEY }]],
      ['$500m and $750k', [{ text: '$500m', scope: MONEY }, { text: '$750k', scope: MONEY }]],
      ['**$8 billion**.', [{ text: '$8 billion', scope: MONEY }]],
      ['cost $25.', [{ text: '$25', scope: MONEY }]],
      // percent
      ['a 40% stake', [{ text: '40%', scope: PERCENT }]],
      ['30-50% cheaper', [{ text: '30-50%', scope: PERCENT }]],
      ['30–50 % cheaper', [{ text: '30–50 %', scope: PERCENT }]],
      ['grew 40 percent', [{ text: '40 percent', scope: PERCENT }]],
      ['12.5 per cent', [{ text: '12.5 per cent', scope: PERCENT }]],
      // chips
      ['Trainium', [{ text: 'Trainium', scope: CHIP }]],
      ['Trainium 2 and Trainium2', [{ text: 'Trainium 2', scope: CHIP }, { text: 'Trainium2', scope: CHIP }]],
      ['Trn2 instances', [{ text: 'Trn2', scope: CHIP }]],
      ['Inferentia, Inferentia 2, Inferentia2 and Inf2', [
        { text: 'Inferentia', scope: CHIP },
        { text: 'Inferentia 2', scope: CHIP },
        { text: 'Inferentia2', scope: CHIP },
        { text: 'Inf2', scope: CHIP },
      ]],
      ['Nvidia H100 and L40S GPUs', [{ text: 'H100', scope: CHIP }, { text: 'L40S', scope: CHIP }]],
      ["Google's TPU", [{ text: 'TPU', scope: CHIP }]],
      ['H100s and TPUs', [{ text: 'H100s', scope: CHIP }, { text: 'TPUs', scope: CHIP }]],
      ['Trainium 2024 roadmap', [{ text: 'Trainium', scope: CHIP }]],
      // mixed
      [
        'Anthropic committed $4 billion, a 40% share, to 400,000 Trainium2 chips.',
        [
          { text: '$4 billion', scope: MONEY },
          { text: '40%', scope: PERCENT },
          { text: 'Trainium2', scope: CHIP },
        ],
      ],
      ['- $25bn (30-50% of capex) on H100', [
        { text: '$25bn', scope: MONEY },
        { text: '30-50%', scope: PERCENT },
        { text: 'H100', scope: CHIP },
      ]],
    ];

    for (const [line, expected] of mustMatch) {
      it(`scopes ${JSON.stringify(line)}`, () => {
        assert.deepEqual(tokenize(line), expected);
      });
    }

    const mustNotMatch = [
      'P4d',
      'P4d instances',
      'GPT-4o',
      'Claude 3.5',
      'Claude 3.5 Sonnet',
      '2024',
      'Q3 2026',
      'in Q3 2026, not 2024',
      'in 2024 dollars',
      'TPUsomething',
      'Trainiums2x',
      'XH100',
      'h100',
      'US$',
      '$',
      '$x$',
      'A$B',
      'ab$25',
      '$25bnx',
      'version 1.5.2',
      '3.5x revenue',
      'Inf2x',
    ];

    for (const line of mustNotMatch) {
      it(`leaves ${JSON.stringify(line)} alone`, () => {
        assert.deepEqual(tokenize(line), []);
      });
    }
  });
});

/**
 * The checks as rules, for formats that describe them (SARIF's reportingDescriptors, rdjson's
 * codes): one per figure type and verdict, each with a short and a full description, help and
 * the README section that documents it.
 */
import { ValueType } from '../knowledge/schema';
import type { FindingKind } from '../diagnostics/finding';

export const DOCS_URL = 'https://github.com/dealcheck/dealcheck';

/** What a figure of each type looks like, for the descriptions. */
const EXAMPLES: Record<ValueType, string> = {
  money: '$25 billion, $25bn, 25 billion dollars',
  percent: '40%, 40 percent',
  multiple: '4x, four times',
  date: '2024, Q3 2026, April 2026',
  duration: '10 years, a decade, 18 months',
  count: '1,200 stars, 1 trillion parameters',
  spec: '800 TFLOPS, 45 ms, $1.50 per million tokens',
};

/** Verdicts that `dealcheck` (the check command) reports; `unverified` is for the coverage report only. */
export const RULE_VERDICTS = ['conflict', 'outdated', 'supported'] as const satisfies readonly FindingKind[];

export interface Rule {
  id: string;
  /** PascalCase, as SARIF suggests for a rule's name. */
  name: string;
  /** The figure type, or "unchecked" for a paragraph dealcheck could not check. */
  type: ValueType | 'unchecked';
  shortDescription: string;
  fullDescription: string;
  helpText: string;
  helpMarkdown: string;
  helpUri: string;
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

function rule(type: ValueType, verdict: (typeof RULE_VERDICTS)[number]): Rule {
  const id = `${type}-${verdict}`;
  const what = `a ${type} figure (${EXAMPLES[type]})`;
  const texts = {
    conflict: {
      short: `A ${type} figure that no source supports`,
      full: `The draft states ${what} about a fact in the knowledge base, and no source that gives this fact supports the value: each source says something else.`,
      help: `Check the figure against the sources listed in the message. The fix replaces it with a source's value, in the draft's own style, and adds a footnote citing that source. If the draft is right and the sources are not, add the newer source to the knowledge base; to silence this figure, put <!-- dealcheck-disable-next-line ${id} --> on the line before.`,
    },
    outdated: {
      short: `A ${type} figure that a newer source has updated`,
      full: `The draft states ${what} that agrees only with a value that a newer source in the knowledge base has since updated.`,
      help: `Use the newer source's value given in the message; the fix replaces the figure and cites that source.`,
    },
    supported: {
      short: `A ${type} figure a source supports`,
      full: `The draft states ${what} that a source in the knowledge base supports. Reported only on request (--include-supported), as a passing result.`,
      help: `Nothing to fix. The fix adds a footnote citing the source that supports the figure.`,
    },
  }[verdict];
  const helpUri = `${DOCS_URL}#${id}`;
  return {
    id,
    name: `${capital(type)}${capital(verdict)}`,
    type,
    shortDescription: texts.short,
    fullDescription: texts.full,
    helpText: `${texts.help} See ${helpUri}`,
    helpMarkdown: `${texts.help.replace(/<!--.*?-->/, (c) => `\`${c}\``)}\n\nSee [the ${id} check](${helpUri}).`,
    helpUri,
  };
}

/** Why a paragraph went unchecked (the engine's unchecked-* findings): reported for review, never as a failure. */
const UNCHECKED: Record<string, [name: string, short: string, full: string]> = {
  error: ['UncheckedError', 'A paragraph dealcheck could not check', 'Checking this paragraph failed inside dealcheck; the rest of the draft was checked. Please report it with the paragraph.'],
  time: ['UncheckedTime', 'A paragraph over the time budget', 'Checking this paragraph took longer than the time budget allows, so its figures were not checked; splitting a very long paragraph helps.'],
  nesting: ['UncheckedNesting', 'A paragraph nested too deep', 'This paragraph is nested in more lists or block quotes than dealcheck reads, so its figures were not checked.'],
};

function uncheckedRule(reason: string): Rule {
  const [name, short, full] = UNCHECKED[reason];
  const id = `unchecked-${reason}`;
  const helpUri = `${DOCS_URL}#unchecked`;
  return { id, name, type: 'unchecked', shortDescription: short, fullDescription: full, helpText: `${full} See ${helpUri}`, helpMarkdown: `${full}\n\nSee [unchecked paragraphs](${helpUri}).`, helpUri };
}

export const RULES: readonly Rule[] = [
  ...RULE_VERDICTS.flatMap((verdict) => ValueType.options.map((type) => rule(type, verdict))),
  ...Object.keys(UNCHECKED).map(uncheckedRule),
];

export function ruleFor(code: string): Rule | undefined {
  return RULES.find((r) => r.id === code);
}

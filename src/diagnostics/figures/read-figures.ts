/**
 * Reading a unit's figures ends here, before any matching: each kind's figures, the unit a table
 * header gives a bare cell, units a figure inherits from the one before it ("1.8 TFLOPS per watt,
 * against 2.1 for Trainium 2"), prices per million tokens and efficiencies per watt said once for
 * the sentence. Names with numbers in them (Claude 3.5, GPT-4o, Trainium 2) are never figures.
 */
import type { ProseUnit } from '../markdown/prose';
import type { SentenceLayout, Span } from '../reading/layout';
import { sentenceAt } from '../reading/layout';
import { LEXICON, MONTH_NAMES, alternationOf } from '../reading/lexicon';
import type { Figure } from './figure';
import { declaredUnits, findFigures, inheritUnits } from './find-figures';
import { applyHeaderUnit } from './table-units';
import { applyLeadInRate } from './lead-in-units';
import { applyLabelUnit } from './label-units';
import { type UnitReader, readRates } from './units';
import { allMatches } from '../reading/all-matches';

/** A text that may declare a unit for bare numbers ("plots efficiency in TFLOPS per watt, where …", "TFLOPS per watt: …"); see declaredUnits. */
const MAY_DECLARE_UNIT = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.unitDeclarations)})\s+\S|[^\s:]\s*:\s`, 'iu');

/** Names with numbers in them (Claude 3.5, GPT-4o, H100, P4d) are never bare figures; quarters, halves and months are dates. */
const VERSION_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?!(?:Q[1-4]|H[12])\b)(?!(?:${MONTH_NAMES.map((m) => m[0].toUpperCase() + m.slice(1, 3)).join('|')})[a-z]*\s)[A-Z][\p{L}]*(?:[- ]?)\d{1,3}(?:\.\d+)?[a-z]?(?![\p{L}\p{N}%])`,
  'gu',
);

/**
 * The figures of a prose unit, in the units `reader` knows. `names` are the spans of the entities
 * it names ("Trainium 2"), which are never figures; `layout` gives its sentences, asked for only
 * when it has a figure; `found`, when given, is what findFigures gives for the text and names.
 */
export function readFigures(unit: ProseUnit, names: readonly Span[], layout: () => SentenceLayout, reader: UnitReader, found?: Figure[]): Figure[] {
  const { text } = unit;
  // `found`: what findFigures gives, read a stretch at a time (matching/text-readers).
  let figures = found ?? findFigures(text, names, reader);
  if (unit.table) figures = applyHeaderUnit(unit, figures, reader);
  else figures = applyLeadInRate(unit, applyLabelUnit(text, figures, reader), reader);
  // Only a text that names a spec unit can declare one (most say "in" without any).
  const mayDeclare = MAY_DECLARE_UNIT.test(text) && !!reader.kinds.find((k) => k.id === 'spec')?.mayContain.test(text);
  if (!figures.length && !mayDeclare) return figures;
  const l = layout();
  const versions = allMatches(VERSION_NAME, text).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const sentenceOf = (offset: number) => sentenceAt(l, text, offset);
  figures = readRates(text, figures, reader.rates, sentenceOf);
  const sentenceEnd = (offset: number) => sentenceOf(offset).end;
  const exclude = [...names, ...versions];
  const inherited = inheritUnits(text, figures, sentenceEnd, exclude, reader.rates);
  return mayDeclare ? declaredUnits(text, inherited, sentenceEnd, exclude, reader.headerUnit) : inherited;
}

/**
 * A line labelled by a number takes the unit its description names: "- **1,500+** — GitHub stars
 * on AWS's Neuron SDK" and "14. **1,500.** Stars on Amazon's open-source Neuron SDK" count stars,
 * as a table cell takes its header's unit (see table-units.ts). "By the numbers" lists are written
 * so. A unit's text has its markup blanked and its list marker left out, so the label is a number
 * opening the text, closed by a full stop, a dash or a colon.
 */
import type { Figure } from './figure';
import { DIGITS } from './numbers';
import { bareNumberFigure } from './table-units';
import { overlaps } from '../reading/spans';
import type { UnitReader } from './units';

/**
 * A number opening the text as its label, then the first words of its description: a unit is
 * named early ("GitHub stars on…", "Stars on the GitHub repository for…").
 */
const NUMBER_LABEL = new RegExp(String.raw`^(\s*)((?:${DIGITS})\+?)(?:\.|[ \t]*[—–:])(?=\s)[ \t]*(?:[—–:-][ \t]*)?((?:\S+[ \t]+){0,5}\S+)`, 'u');

/**
 * Below this, a plain whole number opening a line is more often a section's or a step's number
 * ("## 2. Capital ties between clouds and labs") than a count said as a label.
 */
const MIN_LABEL_COUNT = 20;

/** The figure of a number label, in the count or spec unit its description names; none if the label already is a figure. */
export function applyLabelUnit(text: string, figures: Figure[], reader: UnitReader): Figure[] {
  const m = NUMBER_LABEL.exec(text);
  if (!m || (/^\d+$/.test(m[2]) && Number(m[2]) < MIN_LABEL_COUNT)) return figures;
  const label = { start: m[1].length, end: m[1].length + m[2].length };
  if (figures.some((f) => overlaps(f, label))) return figures;
  const unit = reader.headerUnit(m[3]);
  if (unit?.type !== 'count' && unit?.type !== 'spec') return figures;
  const bare = bareNumberFigure(m[2], unit);
  return bare ? [{ ...bare, start: bare.start + label.start, end: bare.end + label.start }, ...figures] : figures;
}

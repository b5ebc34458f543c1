/**
 * Figures in a table cell take the unit their headers name: "| Latency (ms) | 45 |" is 45 ms, a
 * "Cost" column under "Cost to generate a million tokens:" prices tokens, a bare number under
 * "| GitHub stars |" counts stars and one under "| 2024 ($bn) |" is billions of dollars. The units
 * are the knowledge base's (see units.ts).
 */
import type { ProseUnit } from '../markdown/prose';
import type { Figure } from './figure';
import { LEXICON, alternationOf } from '../reading/lexicon';
import { hedgeAround } from './hedges';
import { DIGITS, decimalsOf, parseDigits } from './numbers';
import { type HeaderUnit, PRICE_WORDS, type UnitReader, captionUnit, moneyRate } from './units';

/** A cell holding only a number, maybe hedged: "45", "1,200+", "up to 25", "~100". */
const BARE_CELL = new RegExp(String.raw`^(\s*(?:(?:${alternationOf(LEXICON.hedgesBefore)})\s*)?)(${DIGITS})(\+?)\s*$`, 'iu');

function styleFor(header: HeaderUnit, plus: string, digits: string): Record<string, string> {
  if (header.type === 'percent') return { sign: '', sep: '-' };
  if (header.type === 'count') return { space: '', scale: '', sep: '-', plus, grouping: /,/.test(digits) ? 'yes' : '' };
  if (header.type === 'money') return { prefix: '', sep: '-', space: '', scale: '', suffix: '', grouping: /,/.test(digits) ? 'yes' : '' };
  return { space: '', unit: '', sep: '-' };
}

/** A text holding only a number ("45", "1,200+"): a table cell or a line's label, as a figure in the unit its header or description names. */
export function bareNumberFigure(text: string, header: HeaderUnit): Figure | undefined {
  const bare = text.match(BARE_CELL);
  if (!bare) return undefined;
  const n = parseDigits(bare[2]);
  const start = bare[1].length;
  const written = bare[2] + bare[3];
  const factor = header.type === 'money' ? header.factor : 1;
  return {
    kind: header.type, type: header.type, unit: 'unit' in header ? header.unit : undefined,
    start, end: start + written.length, text: written,
    value: { lo: n * factor, hi: n * factor }, hedge: hedgeAround(text, start, start + written.length, bare[3] ? 'more-than' : 'exact'), decimals: decimalsOf(bare[2]), factor,
    style: styleFor(header, bare[3], bare[2]),
  };
}

/**
 * The unit a cell's headers give it: a rate its column's price words take from the paragraph above,
 * or what the headers name: its column's first (a "| Google Cloud | 26 |" row under "2024 ($B)"
 * holds dollars, not clouds), then the money scale of a caption above the table ("Sizes in $
 * billions."), then its row's.
 */
function headerUnitOf(unit: ProseUnit, reader: UnitReader): HeaderUnit | undefined {
  const { rowHeader, columnHeader } = unit.table!;
  const headers = `${rowHeader} ${columnHeader}`;
  // "Cost to generate a million Claude 3.5 tokens:" above a "| Chip | Cost |" table.
  const rate = PRICE_WORDS.test(headers) ? moneyRate(unit.previous ?? '', reader.rates) : undefined;
  if (rate) return { type: 'spec', unit: rate.unit };
  return reader.headerUnit(columnHeader) ?? captionUnit(unit.previous ?? '') ?? reader.headerUnit(rowHeader) ?? reader.headerUnit(headers);
}

/** A table cell's figures in the unit its headers name. */
export function applyHeaderUnit(unit: ProseUnit, figures: Figure[], reader: UnitReader): Figure[] {
  const header = headerUnitOf(unit, reader);
  if (!header) return figures;
  const rate = header.type === 'spec' && reader.rates.some((r) => r.of === 'money' && r.unit === header.unit);
  const out = figures.map((f) => (rate && f.type === 'money' ? { ...f, type: 'spec' as const, unit: header.type === 'spec' ? header.unit : undefined } : f));
  const bare = out.length ? undefined : bareNumberFigure(unit.text, header);
  return bare ? [bare] : out;
}

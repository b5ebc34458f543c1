/**
 * Figures in a table cell take the unit their headers name: "| Latency (ms) | 45 |" is 45 ms, a
 * "Cost" column under "Cost to generate a million tokens:" prices tokens, and a bare number under
 * "| GitHub stars |" counts stars.
 */
import type { ProseUnit } from '../markdown/prose';
import type { Figure } from './figure';
import { PRICES_TOKENS } from './find-figures';
import { countUnitIn } from './kinds/count';
import { PER_MILLION_TOKENS } from './kinds/money';
import { specUnit } from './kinds/spec';
import { DIGITS, decimalsOf, parseDigits } from './numbers';

type HeaderUnit = { type: 'spec' | 'percent' | 'count'; unit?: string };

function headerUnit(header: string): HeaderUnit | undefined {
  if (/(?:per|\/)\s*(?:1M|1 million|million)\s+tok(?:en)?s?\b/i.test(header)) return { type: 'spec', unit: PER_MILLION_TOKENS };
  for (const m of header.matchAll(/TFLOPS\s?\/\s?W|TFLOPS per watt|TFLOPS|PFLOPS|\bms\b|milliseconds/gi)) {
    const unit = specUnit(m[0]);
    if (unit) return { type: 'spec', unit };
  }
  if (/%|\bpercent\b/i.test(header)) return { type: 'percent' };
  const counted = countUnitIn(header);
  return counted ? { type: 'count', unit: counted } : undefined;
}

const BARE_CELL = new RegExp(String.raw`^(\s*)(${DIGITS})(\+?)\s*$`, 'u');

/** A cell holding only a number ("45", "1,200+"), as a figure in the header's unit. */
function bareCellFigure(text: string, header: HeaderUnit): Figure | undefined {
  const bare = text.match(BARE_CELL);
  if (!bare) return undefined;
  const n = parseDigits(bare[2]);
  const start = bare[1].length;
  const written = bare[2] + bare[3];
  return {
    kind: header.type, type: header.type, unit: header.unit, start, end: start + written.length, text: written,
    value: { lo: n, hi: n }, hedge: bare[3] ? 'more-than' : 'exact', decimals: decimalsOf(bare[2]), factor: 1,
    style:
      header.type === 'percent' ? { sign: '', sep: '-' }
      : header.type === 'count' ? { space: '', scale: '', sep: '-', plus: bare[3], grouping: /,/.test(bare[2]) ? 'yes' : '' }
      : { space: '', unit: '', sep: '-' },
  };
}

/** A table cell's figures in the unit its headers name. */
export function applyHeaderUnit(unit: ProseUnit, figures: Figure[]): Figure[] {
  const { rowHeader, columnHeader } = unit.table!;
  // "Cost to generate a million Claude 3.5 tokens:" above a "| Chip | Cost |" table.
  const pricesTokens = /\b(?:cost|price)/i.test(`${rowHeader} ${columnHeader}`) && PRICES_TOKENS.test(unit.previous ?? '');
  const header = pricesTokens ? { type: 'spec' as const, unit: PER_MILLION_TOKENS } : headerUnit(`${rowHeader} ${columnHeader}`);
  if (!header) return figures;
  const out = figures.map((f) => (header.unit === PER_MILLION_TOKENS && f.type === 'money' ? { ...f, type: 'spec' as const, unit: header.unit } : f));
  const bare = out.length ? undefined : bareCellFigure(unit.text, header);
  return bare ? [bare] : out;
}

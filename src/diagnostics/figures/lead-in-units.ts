/**
 * A list's dollars under a lead-in that names a price rate: "Cost per million tokens served:"
 * over "- Trainium 2 at $1.50, against $2.00 on the H100" prices tokens, as a table's caption
 * prices its price column (table-units.ts). The lead-in is lent by discourse.ts (ProseUnit.leadIn).
 */
import type { ProseUnit } from '../markdown/prose';
import type { Figure } from './figure';
import { type UnitReader, moneyRate } from './units';

/** The unit's dollars in the rate its lead-in names, if it names one. */
export function applyLeadInRate(unit: ProseUnit, figures: Figure[], reader: UnitReader): Figure[] {
  if (unit.leadIn === undefined || !figures.some((f) => f.type === 'money')) return figures;
  const rate = moneyRate(unit.leadIn, reader.rates);
  return rate ? figures.map((f) => (f.type === 'money' ? { ...f, type: 'spec' as const, unit: rate.unit } : f)) : figures;
}

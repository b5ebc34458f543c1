/**
 * The spellings of a set of units as one pattern, and the unit each spelling names. Matching is
 * case-blind except for a spelling of three letters or fewer with a capital ("GB", "MW"), which a
 * writer's lower case ("gb", "mw") does not spell.
 */
import { escapeRegExp } from '../../reading/lexicon';

export interface SpellingTable {
  /** `a|b|c` of every spelling, longest first, spaces matching any white space; empty when there are none. */
  pattern: string;
  /** A cheap test that a text may hold one of the spellings. */
  mayContain: RegExp;
  /** The unit a written spelling names, or undefined (a short capitalised spelling written otherwise). */
  unitOf(written: string): string | undefined;
  /** Whether a spelling is a unit's singular form, one with an "s" being another of its spellings ("star" of "stars"). */
  isSingular(written: string): boolean;
}

/** Short spellings with a capital are written only that way. */
function exact(spelling: string): boolean {
  return spelling.length <= 3 && /\p{Lu}/u.test(spelling);
}

function normal(written: string): string {
  return written.replace(/\s+/g, ' ');
}

export function spellingTable(units: readonly { id: string; spellings: readonly string[] }[]): SpellingTable {
  const folded = new Map<string, string>();
  const exactly = new Map<string, string>();
  const singular = new Set<string>();
  for (const u of units) {
    const lower = new Set(u.spellings.map((s) => s.toLowerCase()));
    for (const s of u.spellings) {
      (exact(s) ? exactly : folded).set(exact(s) ? s : s.toLowerCase(), u.id);
      if (!s.toLowerCase().endsWith('s') && lower.has(`${s.toLowerCase()}s`)) singular.add(s.toLowerCase());
    }
  }
  const all = [...new Set(units.flatMap((u) => u.spellings))].sort((a, b) => b.length - a.length);
  const pattern = all.map((s) => escapeRegExp(s).replace(/\s+/g, '\\s+')).join('|');
  const starts = [...new Set(all.map((s) => escapeRegExp(s.split(/\s+/)[0].slice(0, 4))))];
  return {
    pattern,
    mayContain: new RegExp(starts.join('|') || '(?!)', 'i'),
    unitOf: (written) => exactly.get(normal(written)) ?? folded.get(normal(written).toLowerCase()),
    isSingular: (written) => singular.has(normal(written).toLowerCase()),
  };
}

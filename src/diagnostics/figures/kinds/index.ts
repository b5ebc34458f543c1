/**
 * The figure kinds, one file each. A new kind of figure is a new file here and one line below;
 * nothing else in the engine names a kind.
 */
import type { FigureKind } from '../figure';
import { count } from './count';
import { date } from './date';
import { duration } from './duration';
import { money } from './money';
import { multiple } from './multiple';
import { percent } from './percent';
import { spec } from './spec';

export const FIGURE_KINDS: readonly FigureKind[] = [money, percent, spec, multiple, duration, count, date];

export function figureKind(id: string): FigureKind {
  const kind = FIGURE_KINDS.find((k) => k.id === id);
  if (!kind) throw new Error(`unknown figure kind ${id}`);
  return kind;
}

/**
 * Colour for people at a terminal, with picocolors: on when standard output is a TTY (and TERM
 * is not "dumb"), and overridden, in this order, by --color / --no-color, FORCE_COLOR (any value
 * but "0" or "false" turns it on) and NO_COLOR (any non-empty value turns it off), as Node itself
 * and no-color.org order them. Machine formats (JSON, SARIF, …) are never coloured.
 */
import { createColors } from 'picocolors';
import type { Style } from '../report/text';
import { PLAIN } from '../report/text';
import type { Io } from './io';

export function colourWanted(flag: boolean | undefined, io: Pick<Io, 'isTTY' | 'env'>): boolean {
  if (flag !== undefined) return flag;
  const env = io.env ?? {};
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  if (env.NO_COLOR) return false;
  return !!io.isTTY && env.TERM !== 'dumb';
}

export function styleFor(options: { color?: boolean; output?: string }, io: Pick<Io, 'isTTY' | 'env'>, forPeople: boolean): Style {
  // A file written with -o is read later, not on this terminal.
  const tty = options.output ? false : io.isTTY;
  if (!forPeople || !colourWanted(options.color, { ...io, isTTY: tty })) return PLAIN;
  const c = createColors(true);
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, magenta: c.magenta };
}

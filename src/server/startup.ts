/**
 * When each step of the server's start-up happened, up to its first diagnostics: the extension
 * logs it beside its own steps, so a slow first check says where the time went (script load,
 * initialize, knowledge base, the check itself). Times are milliseconds since the epoch on the
 * clock every worker and process of the machine shares (`performance.timeOrigin` + `now()`), so
 * the extension can line them up with its own.
 */
import type { StartupMark } from './protocol';

/** Now, in milliseconds since the epoch, to a fraction of a millisecond. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export class StartupMarks {
  private readonly list: StartupMark[] = [];
  private readonly seen = new Set<string>();

  /** `before`: steps the platform saw before the server began (the worker's start, its script's). */
  constructor(before: readonly StartupMark[] = []) {
    for (const m of before) {
      this.list.push(m);
      this.seen.add(m.what);
    }
  }

  /** Notes `what` the first time it happens; later times are not start-up. */
  mark(what: string, detail?: string): void {
    if (this.seen.has(what)) return;
    this.seen.add(what);
    this.list.push({ what, at: epochNow(), ...(detail ? { detail } : {}) });
  }

  has(what: string): boolean {
    return this.seen.has(what);
  }

  get marks(): readonly StartupMark[] {
    return this.list;
  }
}

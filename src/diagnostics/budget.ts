/**
 * A time budget for checking one block. Checking is synchronous, so the budget cannot stop it
 * from outside: the loops that can run long (one per unit, one per figure, the parser walk) call
 * `checkpoint()`, which throws `OverBudget` once the block's deadline has passed. The deadline is
 * ambient (set around one block's check) so that the readers need not pass it through every call.
 */

/** Milliseconds on a monotonic clock. */
export type Clock = () => number;

/** performance.now where there is one (Node, browsers, web workers), else Date.now. */
export const defaultClock: Clock = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/** Thrown by checkpoint() when the block being checked has used up its budget. */
export class OverBudget extends Error {
  constructor(readonly budgetMs: number) {
    super(`checking it took longer than ${budgetMs} ms`);
    this.name = 'OverBudget';
  }
}

interface Running {
  deadline: number;
  budgetMs: number;
  clock: Clock;
}

let running: Running | undefined;

/** Throws OverBudget when the current block's budget is spent; free when no budget is set. */
export function checkpoint(): void {
  if (running && running.clock() > running.deadline) throw new OverBudget(running.budgetMs);
}

/** Runs `work` with `budgetMs` to spend (Infinity: no limit), restoring any budget around it. */
export function withBudget<T>(budgetMs: number, clock: Clock, work: () => T): T {
  const outer = running;
  running = Number.isFinite(budgetMs) ? { deadline: clock() + budgetMs, budgetMs, clock } : undefined;
  try {
    return work();
  } finally {
    running = outer;
  }
}

/** What a command needs from the process, so tests can run commands in process. */
export interface Io {
  /** Standard output; called once per chunk, so a large report is never one string. */
  out: (s: string) => void;
  err: (s: string) => void;
  /** The script to run in worker threads (the CLI bundle itself), or none to check on one thread. */
  workerScript?: string;
  /** All of standard input, for the path `-`. */
  readStdin?: () => Promise<string>;
  /** Whether standard output is a terminal (for colour). */
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** A mistake in the command line: exit 2 with the message. */
export class UsageError extends Error {}

/** Exit status: 0 nothing failed, 1 findings failed the run, 2 usage, configuration, knowledge base or file errors. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Writes chunks through, one at a time. */
export function writeAll(io: Io, chunks: Iterable<string>): void {
  for (const chunk of chunks) io.out(chunk);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

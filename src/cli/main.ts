/**
 * The command line's entry: `dealcheck [options] PATH...` checks drafts; a first argument that
 * names a subcommand runs it instead: `report`, `explain` (why a figure got its fact), and `kb`
 * (knowledge base tools, src/cli/kb/). A draft literally named
 * like a subcommand is checked as `./report`.
 */
import { runCheck } from './check';
import type { Io } from './io';
import { runExplain } from './explain';
import { runKb } from './kb';
import { runReport } from './report';

export type { Io } from './io';

export interface Subcommand {
  /** One line for `dealcheck --help`. */
  summary: string;
  run(argv: string[], io: Io): Promise<number>;
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  report: { summary: "every figure's verdict and each draft's source coverage", run: runReport },
  explain: { summary: 'why each figure got its verdict: the candidate facts and their scores', run: runExplain },
  kb: { summary: 'knowledge base tools: kb check, kb add', run: runKb },
};

export async function run(argv: string[], io: Io): Promise<number> {
  const command = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  return command ? command.run(argv.slice(1), io) : runCheck(argv, io);
}

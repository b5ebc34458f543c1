/** dealcheck kb check|add …: tools for knowledge base curators. */
import type { Io } from '../main';
import { KB_ADD_USAGE, runKbAdd } from './add';
import { KB_CHECK_USAGE, runKbCheck } from './check';

export const KB_USAGE = `usage: dealcheck kb check [--sources DIR] [--no-bundled-kb] [FILE...]
       dealcheck kb add ARTICLE.txt [--kb FILE]... [--source-id ID] [-o FILE]

Tools for knowledge base curators (see docs/knowledge-base.md):
  check   check knowledge base files against the format and their source texts
  add     propose every figure of a new article as a candidate assertion
`;

export async function runKb(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return runKbCheck(rest, io);
  if (command === 'add') return runKbAdd(rest, io);
  if (command === '--help' || command === '-h') {
    io.out(`${KB_USAGE}\n${KB_CHECK_USAGE}\n${KB_ADD_USAGE}`);
    return 0;
  }
  io.err(`dealcheck kb: ${command ? `unknown command "${command}"` : 'which command?'}\n${KB_USAGE}`);
  return 2;
}

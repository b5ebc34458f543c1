/**
 * dealcheck kb check [--sources DIR] [--no-bundled-kb] [FILE...]
 * Checks knowledge base files: with no FILE the bundled one, else the FILEs together with the
 * bundled one (unless --no-bundled-kb), whose entries they may use and extend.
 * Exit 0: the files are sound (warnings and the disputes list aside); 1: a quote or value does not
 * match its source; 2: usage errors, or errors loading the files (as `dealcheck` itself reports them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledKnowledgeBase } from '../../knowledge/bundled';
import { type LoadedFile, loadKnowledgeBaseText } from '../../knowledge/loader';
import { mergeKnowledgeBases } from '../../knowledge/merge';
import type { Source } from '../../knowledge/schema';
import type { Io } from '../main';
import { type CheckProblem, type SourceText, checkKnowledgeBase } from './check-kb';

export const KB_CHECK_USAGE = `usage: dealcheck kb check [--sources DIR] [--no-bundled-kb] [FILE...]

Checks knowledge base files (.dealkb.json, .yaml): the format, that every quote is verbatim in its
source text and writes its value, that ids are unique and every reference resolves; lists the
sources, entities, relations and qualifiers nothing uses, and the facts whose sources disagree.
With no FILE it checks the bundled knowledge base; FILEs are checked together with it unless
--no-bundled-kb is given.

  --sources DIR     folder of the source texts (default: $DEALCHECK_SOURCES, else each
                    knowledge base file's own folder)
  --no-bundled-kb   check the FILEs on their own

Exit status: 0 sound (warnings aside), 1 a quote or value does not match its source, 2 usage or
knowledge base errors.
`;

/**
 * Where the bundled knowledge base file sits: in the source tree when there is one (so problems
 * point at the file a curator edits), else the copy beside the CLI bundle (dist/knowledge).
 */
function bundledFile(): string | undefined {
  const candidates = [
    join(__dirname, '../src/knowledge/bundled/dealcheck.dealkb.json'),
    join(__dirname, '../../knowledge/bundled/dealcheck.dealkb.json'),
    join(__dirname, 'knowledge/dealcheck.dealkb.json'),
  ];
  return candidates.find((p) => existsSync(p));
}

function readSource(dir: string | undefined, kbFile: LoadedFile, source: Source): SourceText {
  const folder = dir || process.env.DEALCHECK_SOURCES || dirname(kbFile.file);
  const path = resolve(folder, source.file);
  // Reading the text is the point; a path outside the folder is still the curator's own choice on the command line.
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    return { error: `cannot check this source's quotes: ${relative(process.cwd(), path) || path} is ${why}${dir ? '' : '; give the folder of the source texts with --sources DIR'}` };
  }
}

function line(p: CheckProblem): string {
  return `${p.file}:${p.line + 1}:${p.character + 1}  ${p.severity}  ${p.message}  (${p.field})\n`;
}

export function runKbCheck(argv: string[], io: Io): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sources: { type: 'string' },
        'no-bundled-kb': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`dealcheck kb check: ${(e as Error).message}\n${KB_CHECK_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(KB_CHECK_USAGE);
    return 0;
  }
  if (values['no-bundled-kb'] && !positionals.length) {
    io.err(`dealcheck kb check: --no-bundled-kb needs a FILE to check\n${KB_CHECK_USAGE}`);
    return 2;
  }
  const checked: LoadedFile[] = [];
  for (const path of positionals) {
    try {
      checked.push(loadKnowledgeBaseText(path, readFileSync(path, 'utf8')));
    } catch (e) {
      io.err(`dealcheck kb check: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  const bundledPath = bundledFile();
  const bundled = bundledPath ? loadKnowledgeBaseText(relative(process.cwd(), bundledPath), readFileSync(bundledPath, 'utf8')) : bundledKnowledgeBase();
  if (!positionals.length) checked.push(bundled);
  const files = positionals.length && values['no-bundled-kb'] ? checked : [bundled, ...(positionals.length ? checked : [])];
  const kb = mergeKnowledgeBases(files);
  const texts = new Map<string, SourceText>();
  const problems = checkKnowledgeBase(kb, checked, (source) => {
    if (!texts.has(source.id)) texts.set(source.id, readSource(values.sources, kb.origins.get(source)?.file ?? checked[0], source));
    return texts.get(source.id)!;
  });
  // Loading errors go to stderr, as the main command reports them; the checks' findings to stdout.
  const loading = new Set(kb.problems.map((p) => `${p.file}|${p.line}|${p.character}|${p.message}`));
  for (const p of problems) (loading.has(`${p.file}|${p.line}|${p.character}|${p.message}`) ? io.err : io.out)(line(p));
  const count = (s: CheckProblem['severity']) => problems.filter((p) => p.severity === s).length;
  const summary = `dealcheck kb check: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s) in ${checked.map((f) => f.file).join(', ')}\n`;
  io.err(summary);
  if (kb.problems.length) return 2;
  return count('error') ? 1 : 0;
}

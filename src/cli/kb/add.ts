/**
 * dealcheck kb add ARTICLE.txt [--kb FILE]... [--no-bundled-kb] [--source-id ID] [-o FILE]
 * Prints a knowledge base file of candidate assertions for a new article (or writes it with -o),
 * and lists on stderr the figures it could not place. Exit 0, or 2 on usage or knowledge base errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../main';
import { formatKbProblems, loadKnowledgeFiles } from '../knowledge-files';
import { proposeAssertions } from './add-kb';

export const KB_ADD_USAGE = `usage: dealcheck kb add ARTICLE.txt [--kb FILE]... [--no-bundled-kb] [--source-id ID] [-o FILE]

Proposes every figure of a new article as a candidate assertion, its sentence as the quote: under
"extend" for the facts the knowledge base already has, as new facts (subject, object and
relation guessed from the knowledge base's names and words) otherwise. Prints the knowledge base
file to edit, then check it with \`dealcheck kb check\`. Figures it cannot place go to stderr.

  --kb FILE         a knowledge base file to match against, besides the bundled one; repeatable
  --no-bundled-kb   match against the --kb files only
  --source-id ID    the new source's id (default: from the article's file name)
  -o FILE           write the file there instead of printing it
`;

/** A source id from a file name: "AWS Deal (2026).txt" → "aws-deal-2026". */
export function sourceIdFor(path: string): string {
  const id = basename(path, extname(path))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return id || 'new-source';
}

/** Lines up to this long hold a whole entry; longer ones are opened up, as in the bundled file. */
const MAX_LINE = 160;

/** JSON as curators write it: an entry that fits on a line stays on one, a larger one opens up. */
export function compactJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ').replace(/([[{]) /g, '$1').replace(/ ([\]}])/g, '$1') ?? 'null';
  if (typeof value !== 'object' || value === null || indent.length + flat.length <= MAX_LINE) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** The article's first non-empty line, as a title to edit. */
function titleOf(article: string): string {
  const first = article.split('\n').find((l) => l.trim())?.trim() ?? 'Untitled';
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}

export function runKbAdd(argv: string[], io: Io): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kb: { type: 'string', multiple: true, default: [] },
        'no-bundled-kb': { type: 'boolean', default: false },
        'source-id': { type: 'string' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`dealcheck kb add: ${(e as Error).message}\n${KB_ADD_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(KB_ADD_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(`dealcheck kb add: give one ARTICLE file\n${KB_ADD_USAGE}`);
    return 2;
  }
  const [path] = positionals;
  const id = values['source-id'] ?? sourceIdFor(path);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id)) {
    io.err(`dealcheck kb add: --source-id must be lowercase letters, digits, ".", "_" or "-", not "${id}"\n`);
    return 2;
  }
  let article: string;
  try {
    article = readFileSync(path, 'utf8');
  } catch (e) {
    io.err(`dealcheck kb add: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const loaded = loadKnowledgeFiles(values.kb!, !values['no-bundled-kb']);
  if ('error' in loaded) {
    io.err(`dealcheck kb add: ${loaded.error}\n`);
    return 2;
  }
  if (loaded.problems.length) {
    io.err(formatKbProblems(loaded.problems));
    return 2;
  }
  const { file, unplaced } = proposeAssertions(article, loaded.kb, { id, file: basename(path), title: titleOf(article) });
  const json = `${compactJson(file)}\n`;
  if (values.output) writeFileSync(values.output, json);
  else io.out(json);
  for (const u of unplaced) io.err(`${path}:${u.line + 1}:${u.character + 1}  not placed: ${u.text} (no fact fits it and its sentence names nothing the knowledge base knows): ${u.sentence}\n`);
  const extended = file.extend?.facts?.reduce((n, f) => n + (f.assertions?.length ?? 0), 0) ?? 0;
  io.err(`dealcheck kb add: ${extended} candidate(s) for known facts, ${file.facts?.length ?? 0} new fact(s), ${unplaced.length} figure(s) not placed\n`);
  return 0;
}

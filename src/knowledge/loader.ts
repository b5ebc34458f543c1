/**
 * Reads knowledge base files (JSON, or YAML) and reports every problem with its file, line,
 * column and field. Each entry is validated on its own, so one bad fact never hides the others:
 * the good entries are kept and the bad ones are reported.
 */
import { type Node as JsonNode, findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { Entity, Fact, KnowledgeBaseFile, Qualifier, Relation, Source } from './schema';

export interface KbProblem {
  file: string;
  /** 0-based, as in LSP. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** The field, as a path: facts[3].assertions[0].value */
  field: string;
  message: string;
}

type Path = (string | number)[];

/** Where each path of a parsed file sits in its text. */
interface Located {
  data: unknown;
  syntaxProblems: KbProblem[];
  locate(path: Path): { start: number; end: number };
}

export interface LoadedFile {
  file: string;
  content: KnowledgeBaseFile;
  problems: KbProblem[];
  /** The position of a field, for problems found later (unknown ids across files). */
  locate(path: Path): Omit<KbProblem, 'file' | 'field' | 'message'>;
}

export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(file)';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

function locateJson(text: string): Located {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const starts = lineStarts(text);
  const syntaxProblems = errors.map((e) => problemAt('', starts, e.offset, e.offset + e.length, [], `invalid JSON: ${printParseErrorCode(e.error)}`));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  return {
    data: syntaxProblems.length ? undefined : data,
    syntaxProblems,
    locate(path) {
      let node: JsonNode | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = root && findNodeAtLocation(root, path.slice(0, n));
      // For a property, point at its value; a missing property points at the object that lacks it.
      const target = node ?? root;
      return target ? { start: target.offset, end: target.offset + target.length } : { start: 0, end: 0 };
    },
  };
}

function locateYaml(text: string): Located {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const starts = lineStarts(text);
  const syntaxProblems = doc.errors.map((e) => problemAt('', starts, e.pos[0], e.pos[1], [], `invalid YAML: ${e.message.split('\n')[0]}`));
  return {
    data: syntaxProblems.length ? undefined : doc.toJS(),
    syntaxProblems,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return { start: node.range[0], end: node.range[1] };
      }
      return { start: 0, end: 0 };
    },
  };
}

function problemAt(file: string, starts: number[], start: number, end: number, path: Path, message: string): KbProblem {
  const a = positionAt(starts, start);
  const b = positionAt(starts, Math.max(start, end));
  return { file, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character, field: formatPath(path), message };
}

const SECTIONS = {
  sources: Source,
  entities: Entity,
  relations: Relation,
  qualifiers: Qualifier,
  facts: Fact,
} as const satisfies Record<string, z.ZodType>;

/** Parses and validates one file's text. YAML when the name ends in .yaml/.yml, JSON otherwise. */
export function loadKnowledgeBaseText(file: string, text: string): LoadedFile {
  const located = /\.ya?ml$/i.test(file) ? locateYaml(text) : locateJson(text);
  const starts = lineStarts(text);
  const at = (path: Path, message: string) => {
    const { start, end } = located.locate(path);
    return problemAt(file, starts, start, end, path, message);
  };
  const problems: KbProblem[] = located.syntaxProblems.map((p) => ({ ...p, file }));
  const content: KnowledgeBaseFile = { version: 1, sources: [], entities: [], relations: [], qualifiers: [], facts: [] };
  const data = located.data;
  if (!problems.length) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      problems.push(at([], 'expected an object with "version", "sources", "entities", "relations", "qualifiers" and "facts"'));
    } else {
      // The frame first (version, unknown keys, sections being arrays), then each entry on its own.
      const frame = KnowledgeBaseFile.pick({ $schema: true, version: true }).safeParse(
        Object.fromEntries(Object.entries(data).filter(([k]) => k === '$schema' || k === 'version')),
      );
      if (!frame.success) for (const issue of frame.error.issues) problems.push(at(issue.path as Path, issue.message));
      for (const key of Object.keys(data)) {
        if (key !== '$schema' && key !== 'version' && !(key in SECTIONS)) problems.push(at([key], `unknown section "${key}"`));
      }
      for (const [section, schema] of Object.entries(SECTIONS)) {
        const entries = (data as Record<string, unknown>)[section];
        if (entries === undefined) continue;
        if (!Array.isArray(entries)) {
          problems.push(at([section], `${section}: expected an array`));
          continue;
        }
        entries.forEach((entry, i) => {
          const parsed = schema.safeParse(entry);
          if (parsed.success) (content[section as keyof typeof SECTIONS] as unknown[]).push(parsed.data);
          else
            for (const issue of parsed.error.issues) {
              const path = [section, i, ...(issue.path as Path)];
              const field = issue.path.length ? String(issue.path[issue.path.length - 1]) : section;
              problems.push(at(path, `${field}: ${issue.message}`));
            }
        });
      }
    }
  }
  return {
    file,
    content,
    problems,
    locate(path) {
      const { file: _f, field: _p, message: _m, ...pos } = at(path, '');
      return pos;
    },
  };
}

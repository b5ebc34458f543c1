/**
 * The server's knowledge base: the bundled one plus the workspace's files (the configured ones and
 * every *.dealkb.json / *.dealkb.yaml), reloaded when they change. A load with problems reports
 * them on the files and keeps the last good knowledge base in use, so a half-typed edit never
 * turns every check off. Files are read through a FileAccess (the editor's, or the disk's), by
 * URI, and only where paths.ts allows.
 */
import { URI } from 'vscode-uri';
import { documentText } from '../diagnostics/engine';
import type { DocumentText } from '../diagnostics/fixes';
import type { Finding } from '../diagnostics/finding';
import type { KbProblem, KnowledgeBase } from '../knowledge';
import type { CompiledFact } from '../knowledge/knowledge-base';
import { bundledKnowledgeBase } from '../knowledge/bundled';
import { buildKnowledgeBase } from '../knowledge/knowledge-base';
import { type LoadedFile, loadKnowledgeBaseText } from '../knowledge/loader';
import { type FileAccess, KB_EXCLUDED_FOLDERS, KB_GLOB, MAX_KNOWLEDGE_BASE_BYTES, MAX_SOURCE_BYTES } from './files';
import { type PathOrigin, type PathRequest, displayName, isInside, resolvePaths, resolveUri } from './paths';

export { KB_GLOB } from './files';

export interface KnowledgeInput {
  folders: URI[];
  /** What relative user paths resolve against when no folder is open (the Node server's working folder). */
  fallbackFolder?: URI;
  /** Knowledge base files asked for (settings, configuration file), each with who asked. */
  knowledgeBase: readonly PathRequest[];
  /** The folder of the source texts, if any. */
  sourcesFolder?: PathRequest;
  useBundledKnowledgeBase: boolean;
  /** In an untrusted workspace only the bundled knowledge base is used: no workspace file is read. */
  trusted: boolean;
  /** The shipped copy of the bundled knowledge base, to point "go to entry" at. */
  bundledUri?: string;
  /** Its text, when the server carries it (the web worker does: one request fewer at start-up). */
  bundledText?: string;
}

export interface KnowledgeState {
  kb: KnowledgeBase;
  /** Problems of the latest load, by file URI (every file read or refused has an entry, maybe empty). */
  problems: Map<string, KbProblem[]>;
  /** Set when the latest load had problems and an earlier good knowledge base is still in use. */
  keptLastGood: boolean;
  /** Paths from settings that were not read, and why: no file to show them on. */
  notices: string[];
  /**
   * Where sources say what they say. Complete once `located` settles: the source texts are read
   * while the first check runs, since only the diagnostics' related information needs them.
   */
  locator: EvidenceLocator;
  /** Settles when the source texts are read; `problems` and `notices` may grow until then. */
  located: Promise<void>;
}

interface Wanted {
  uri: string;
  origin: PathOrigin;
}

function problemAtStart(file: string, message: string): KbProblem {
  return { file, line: 0, character: 0, endLine: 0, endCharacter: 0, field: '(file)', message };
}

/** The line of the first place `needle` is written in `text` (as a JSON string, or bare in YAML). */
function lineOf(text: string, needle: string): number {
  let at = text.indexOf(JSON.stringify(needle));
  if (at < 0) at = text.indexOf(needle);
  return at < 0 ? 0 : documentText(text).positionAt(at).line;
}

/** Parses one file; should the parser throw after all, the file is reported, not fatal. */
function loadFile(uri: string, text: string, log: (message: string) => void): LoadedFile {
  try {
    return loadKnowledgeBaseText(uri, text);
  } catch (e) {
    log(`dealcheck: the knowledge base file ${uri} could not be read: ${(e as Error).stack ?? e}`);
    const empty = loadKnowledgeBaseText(uri, '{"version": 1}');
    return { ...empty, problems: [problemAtStart(uri, `dealcheck could not read this file (${(e as Error).name}); the dealcheck output has the details`)] };
  }
}

export class KnowledgeHost {
  private lastGood: KnowledgeBase | undefined;
  private bundledRead: Promise<{ uri: string; text: string } | undefined> | undefined;

  constructor(
    private readonly files: FileAccess,
    private readonly log: (message: string) => void,
    /** Notes a step of the server's start-up (startup.ts): the first load's are. */
    private readonly mark: (what: string, detail?: string) => void = () => {},
  ) {}

  /** The knowledge base files a workspace asks for, configured ones first; refused paths as notices. */
  async wantedFiles(input: KnowledgeInput, notices: string[]): Promise<Wanted[]> {
    if (!input.trusted) return [];
    const out = new Map<string, Wanted>();
    for (const request of input.knowledgeBase) {
      for (const d of resolvePaths(request, input.folders, input.fallbackFolder)) {
        if (d.allowed) out.set(d.uri.toString(), { uri: d.uri.toString(), origin: request.origin });
        else notices.push(`${request.from ?? 'dealcheck.knowledgeBase'}: "${request.path}" is not read: ${d.reason}.`);
      }
    }
    for (const folder of input.folders) {
      const found = await this.files.find(folder.toString(), KB_GLOB, KB_EXCLUDED_FOLDERS);
      for (const uri of found) if (!out.has(uri)) out.set(uri, { uri, origin: 'workspace' });
    }
    return [...out.values()];
  }

  async load(input: KnowledgeInput): Promise<KnowledgeState> {
    const notices: string[] = [];
    const wanted = await this.wantedFiles(input, notices);
    this.mark('knowledge base files found', `${wanted.length}`);
    const problems = new Map<string, KbProblem[]>(wanted.map((w) => [w.uri, []]));
    const texts: { uri: string; text: string }[] = [];
    await Promise.all(
      wanted.map(async (w) => {
        const read = await this.files.read(w.uri, { maxBytes: MAX_KNOWLEDGE_BASE_BYTES, followLinks: w.origin === 'user' });
        if ('text' in read) texts.push({ uri: w.uri, text: read.text });
        else problems.get(w.uri)!.push(problemAtStart(w.uri, `cannot read the knowledge base file: ${read.error}`));
      }),
    );
    this.mark('knowledge base files read');
    texts.sort((a, b) => wanted.findIndex((w) => w.uri === a.uri) - wanted.findIndex((w) => w.uri === b.uri));
    const loaded = texts.map((t) => loadFile(t.uri, t.text, this.log));
    const useBundled = input.useBundledKnowledgeBase || !input.trusted;
    let built: { kb: KnowledgeBase; problems: KbProblem[] };
    try {
      built = buildKnowledgeBase(useBundled ? [bundledKnowledgeBase(), ...loaded] : loaded);
    } catch (e) {
      this.log(`dealcheck: building the knowledge base failed: ${(e as Error).stack ?? e}`);
      built = buildKnowledgeBase([bundledKnowledgeBase()]);
      for (const t of texts) problems.get(t.uri)!.push(problemAtStart(t.uri, `dealcheck could not use the knowledge base files (${(e as Error).name}); see the dealcheck output`));
    }
    for (const p of built.problems) problems.set(p.file, [...(problems.get(p.file) ?? []), p]);

    const bad = [...problems.values()].some((ps) => ps.length);
    const keptLastGood = bad && this.lastGood !== undefined;
    const kb = keptLastGood ? this.lastGood! : built.kb;
    if (!bad) this.lastGood = built.kb;
    const locator = new EvidenceLocator();
    const located = Promise.all([
      input.trusted ? this.readSources(input, built.kb, texts, problems, notices) : new Map<string, { uri: string; text: string }>(),
      useBundled ? this.bundled(input) : undefined,
    ]).then(
      ([sources, bundled]) => locator.use(sources, [...texts, ...(bundled ? [bundled] : [])], kb.facts),
      (e) => this.log(`dealcheck: reading the source texts failed: ${(e as Error).stack ?? e}`),
    );
    return { kb, problems, keptLastGood, notices, locator, located };
  }

  private bundled(input: KnowledgeInput): Promise<{ uri: string; text: string } | undefined> | undefined {
    const uri = input.bundledUri;
    if (!uri) return undefined;
    if (input.bundledText !== undefined) return Promise.resolve({ uri, text: input.bundledText });
    this.bundledRead ??= this.files.read(uri, { maxBytes: MAX_KNOWLEDGE_BASE_BYTES, followLinks: true }).then((r) => ('text' in r ? { uri, text: r.text } : undefined));
    return this.bundledRead;
  }

  /**
   * The source texts the knowledge base quotes, from the sources folder: each must resolve inside
   * a workspace folder (or inside a sources folder the user chose); others are reported on the
   * knowledge base file that names them.
   */
  private async readSources(
    input: KnowledgeInput,
    kb: KnowledgeBase,
    kbTexts: { uri: string; text: string }[],
    problems: Map<string, KbProblem[]>,
    notices: string[],
  ): Promise<Map<string, { uri: string; text: string }>> {
    const out = new Map<string, { uri: string; text: string }>();
    const request = input.sourcesFolder;
    if (!request?.path) return out;
    const { origin } = request;
    const decisions = resolvePaths(request, input.folders, input.fallbackFolder);
    const decision = decisions.find((d) => d.allowed);
    if (!decision) {
      const refused = decisions.find((d) => !d.allowed);
      notices.push(`${request.from ?? 'dealcheck.sourcesFolder'}: "${request.path}" is not read: ${refused && !refused.allowed ? refused.reason : 'there is no folder to resolve it against'}.`);
      return out;
    }
    const folder = decision.uri;
    const roots = origin === 'user' ? [...input.folders, folder] : input.folders;
    const files = new Set([...kb.sources.values()].map((s) => s.file));
    await Promise.all(
      [...files].map(async (file) => {
        const uri = resolveUri(folder, file);
        if (!roots.some((r) => isInside(r, uri))) {
          const holder = kbTexts.find((t) => t.text.includes(file));
          const message = `the file "${file}" is not read: it resolves outside the workspace folder (${displayName(uri, input.folders)})`;
          if (holder) {
            const line = lineOf(holder.text, file);
            problems.get(holder.uri)!.push({ file: holder.uri, line, character: 0, endLine: line, endCharacter: 0, field: 'sources', message });
          } else notices.push(`A knowledge base source: ${message}.`);
          return;
        }
        const read = await this.files.read(uri.toString(), { maxBytes: MAX_SOURCE_BYTES, followLinks: origin === 'user' });
        // A missing source text only costs the link to its line: the knowledge base entry is shown instead.
        if ('text' in read) out.set(file, { uri: uri.toString(), text: read.text });
      }),
    );
    return out;
  }
}

/**
 * Where a source says what a finding cites: the quoted line of the source text when the sources
 * folder is known, else the fact's entry in the knowledge base file that holds it. Works on
 * texts read beforehand, so placing a diagnostic's related information never waits for a file.
 * The knowledge base files' texts are not kept: a hundred thousand assertions are 66 MB of JSON,
 * twice that as a string, a third of the server's memory. Where each fact's entry and quotes sit
 * is worked out once, when the texts are handed over, and kept as line numbers.
 */
export class EvidenceLocator {
  private found = new Map<string, { uri: string; line: number } | undefined>();
  private sources: ReadonlyMap<string, { uri: string; text: string }> = new Map();
  private places: ReadonlyMap<string, FactPlace> = new Map();

  /** The texts to search, once read; `facts`: the facts findings will cite (the knowledge base in use). */
  use(sources: ReadonlyMap<string, { uri: string; text: string }>, kbTexts: readonly { uri: string; text: string }[], facts: readonly CompiledFact[]): void {
    this.sources = sources;
    this.places = placeFacts(kbTexts, facts);
    this.found.clear();
  }

  /** Cached: every diagnostic of every check asks again. */
  locate(finding: Finding, evidence: Finding['evidence'][number]): { uri: string; line: number } | undefined {
    const key = `${finding.fact}\u0000${evidence.source}\u0000${evidence.quote}`;
    if (!this.found.has(key)) this.found.set(key, this.search(finding, evidence));
    return this.found.get(key);
  }

  private search(finding: Finding, evidence: Finding['evidence'][number]): { uri: string; line: number } | undefined {
    const source = this.sources.get(evidence.file);
    const at = source?.text.indexOf(evidence.quote) ?? -1;
    if (source && at >= 0) return { uri: source.uri, line: documentText(source.text).positionAt(at).line };
    const place = finding.fact === undefined ? undefined : this.places.get(finding.fact);
    if (!place) return undefined;
    const i = place.quotes.indexOf(evidence.quote);
    return { uri: place.uri, line: i < 0 ? place.line : place.quoteLines[i] };
  }
}

/**
 * Where a fact is written: the first knowledge base file with an `id` field of its id, the line of
 * that field, and for each quote of the fact (in the order of `quotes`) the line where its opening
 * is first written after it (the fact's line when it is not).
 */
interface FactPlace {
  uri: string;
  line: number;
  quotes: readonly string[];
  quoteLines: readonly number[];
}

/** The places of `facts` in the knowledge base files' texts (see FactPlace). */
export function placeFacts(kbTexts: readonly { uri: string; text: string }[], facts: readonly CompiledFact[]): Map<string, FactPlace> {
  const files = kbTexts.map(({ uri, text }) => ({ uri, text, ids: idOffsets(text), lines: undefined as DocumentText | undefined }));
  const out = new Map<string, FactPlace>();
  for (const { fact, assertions } of facts) {
    const file = files.find((f) => f.ids.has(fact.id));
    if (!file || out.has(fact.id)) continue;
    const at = file.ids.get(fact.id)!;
    const lines = (file.lines ??= documentText(file.text));
    const quotes = assertions.map((a) => a.assertion.quote);
    const quoteLines = quotes.map((q) => {
      // The quote as JSON writes it; its first 39 characters are enough to tell it from the others.
      const opening = file.text.indexOf(JSON.stringify(q).slice(1, QUOTE_OPENING), at);
      return lines.positionAt(opening >= 0 ? opening : at).line;
    });
    out.set(fact.id, { uri: file.uri, line: lines.positionAt(at).line, quotes, quoteLines });
  }
  return out;
}

/** How much of a quote (as JSON escapes it, after its opening quotation mark) is searched for. */
const QUOTE_OPENING = 40;

/** Offsets of the `id` fields of a knowledge base file, first occurrence of each. */
function idOffsets(text: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const m of text.matchAll(ID_FIELD)) if (!ids.has(m[1])) ids.set(m[1], m.index);
  return ids;
}

const ID_FIELD = /["']?id["']?\s*:\s*["']?([a-z0-9][a-z0-9._-]*)/g;

/** A URI string for a file path, as the Node server names the shipped bundled knowledge base. */
export function fileUri(path: string): string {
  return URI.file(path).toString();
}

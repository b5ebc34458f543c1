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
import { BUNDLED_KB_NAME, bundledKnowledgeBase } from '../knowledge/bundled';
import { type KnowledgeBaseResult, type KnowledgeParts, assembleKnowledgeBase, buildKnowledgeBase, knowledgeBaseOfMerged, knowledgePartsOfMerged } from '../knowledge/knowledge-base';
import { type LoadedFile, loadKnowledgeBaseText, withText } from '../knowledge/loader';
import { type MergedKnowledgeBase, mergeKnowledgeBases } from '../knowledge/merge';
import type { KnowledgeCache } from '../node/knowledge-cache';
import { type FileAccess, KB_EXCLUDED_FOLDERS, KB_GLOB, MAX_KNOWLEDGE_BASE_BYTES, type ReadOptions, type ReadResult } from './files';
import { type PathOrigin, type PathRequest, displayName, resolvePaths } from './paths';
import { type SourcesFolder, sourceTextOf, sourcesFolderOf } from './source-paths';

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
   * Where sources say what they say. The source texts are read while the first check runs,
   * since only the diagnostics' related information needs them: `locator.whenLocatable` says
   * when the texts some findings cite are read; complete once `located` settles.
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

/**
 * The cache of built knowledge bases the Node server keeps (src/node/knowledge-cache.ts), as the
 * host uses it; none in a web worker. `textDigest` digests a text read through the editor, as
 * `FileAccess.digest` digests a file's bytes (the same for a file in UTF-8).
 */
export type KnowledgeBaseCache = Pick<KnowledgeCache, 'minBytes' | 'key' | 'read' | 'write' | 'textDigest'>;

/** How a wanted file is read: a symbolic link only when the user chose the path. */
function readOptions(w: Wanted): ReadOptions {
  return { maxBytes: MAX_KNOWLEDGE_BASE_BYTES, followLinks: w.origin === 'user' };
}

/** The names a knowledge base's facts give their files by (LoadedFile.file): the bundled one first when used, then each file's URI. */
function fileNamesOf(wanted: readonly Wanted[], useBundled: boolean): string[] {
  return [...(useBundled ? [BUNDLED_KB_NAME] : []), ...wanted.map((w) => w.uri)];
}

/** The line of the first place `needle` is written in `text` (as a JSON string, or bare in YAML). */
function lineOf(text: string, needle: string): number {
  let at = text.indexOf(JSON.stringify(needle));
  if (at < 0) at = text.indexOf(needle);
  return at < 0 ? 0 : documentText(text).positionAt(at).line;
}

/** Parses one file (keeping its text unless `keepText` is false); should the parser throw after all, the file is reported, not fatal. */
function loadFile(uri: string, text: string, log: (message: string) => void, keepText = true): LoadedFile {
  try {
    return loadKnowledgeBaseText(uri, text, { keepText });
  } catch (e) {
    log(`dealcheck: the knowledge base file ${uri} could not be read: ${(e as Error).stack ?? e}`);
    const empty = loadKnowledgeBaseText(uri, '{"version": 1}');
    return { ...empty, problems: [problemAtStart(uri, `dealcheck could not read this file (${(e as Error).name}); the dealcheck output has the details`)] };
  }
}

/** A file loaded without its text, given it back from `texts` (read again) when a position in it was asked for. */
function withTextOf(file: LoadedFile, texts: readonly { uri: string; text: string }[]): LoadedFile {
  const text = file.positionsLost ? texts.find((t) => t.uri === file.file)?.text : undefined;
  return text === undefined ? file : withText(file, text);
}

/** What a load found, for KnowledgeHost.ready. */
interface LoadParts {
  /** The knowledge base this load gives: built, or read back from a snapshot. */
  kb: KnowledgeBase;
  problems: Map<string, KbProblem[]>;
  notices: string[];
  /** The knowledge base files' texts, when they were read and kept (a large load lets them go: undefined). */
  texts: readonly { uri: string; text: string }[] | undefined;
  sources: SourceReads | { notice: string } | undefined;
  useBundled: boolean;
  wanted: readonly Wanted[];
}

/** A merge of knowledge base files, or the error it threw. */
type Merged = { value: MergedKnowledgeBase } | { error: Error };

export class KnowledgeHost {
  private lastGood: KnowledgeBase | undefined;
  private bundledRead: Promise<{ uri: string; text: string } | undefined> | undefined;
  /**
   * Knowledge bases whose facts are placed as findings cite them (EvidenceLocator.placeOnDemand):
   * those read back from a snapshot, and those built from files worth caching, whose texts the
   * load let go (see buildLarge).
   */
  private readonly placedOnDemand = new WeakSet<KnowledgeBase>();

  constructor(
    private readonly files: FileAccess,
    private readonly log: (message: string) => void,
    /** Notes a step of the server's start-up (startup.ts): the first load's are. */
    private readonly mark: (what: string, detail?: string) => void = () => {},
    /** Where built knowledge bases are kept for the next load (the Node server's), if anywhere. */
    private readonly cache?: KnowledgeBaseCache,
    /**
     * A full garbage collection (the Node server's ServerPlatform.releaseMemory), run between the
     * steps of a large load (see loadLarge).
     */
    private readonly releaseMemory: () => void = () => {},
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
    const useBundled = input.useBundledKnowledgeBase || !input.trusted;
    const finding = this.wantedFiles(input, notices);
    const sources = this.startSourceReads(input, useBundled);
    const wanted = await finding;
    this.mark('knowledge base files found', `${wanted.length}`);
    const problems = new Map<string, KbProblem[]>(wanted.map((w) => [w.uri, []]));
    const parts = { problems, notices, sources, useBundled, wanted };
    // With the server's own file access, the files' digests first: a cached knowledge base needs
    // no file's text, and files worth caching are read one at a time (see loadLarge).
    const bytes = this.files.digest && this.cache && wanted.length ? await Promise.all(wanted.map((w) => this.files.digest!(w.uri, readOptions(w)))) : undefined;
    const digested = bytes && this.fromCache(wanted, useBundled, bytes);
    if (digested) return this.ready(input, { ...parts, kb: digested, texts: undefined });
    if (bytes?.every((d) => 'sha256' in d) && this.worthCaching(bytes)) return this.readyLarge(input, parts, await this.loadLarge(wanted, this.eachText(wanted, problems), useBundled, problems));
    const texts = await this.readTexts(wanted, problems);
    this.mark('knowledge base files read');
    const digests = texts.length === wanted.length && this.cache ? texts.map((t) => this.cache!.textDigest(t.text)) : undefined;
    const read = digests && this.fromCache(wanted, useBundled, digests);
    if (read) return this.ready(input, { ...parts, kb: read, texts });
    if (digests && this.worthCaching(digests)) return this.readyLarge(input, parts, await this.loadLarge(wanted, async () => texts.shift(), useBundled, problems));
    const loaded = texts.map((t) => loadFile(t.uri, t.text, this.log));
    return this.ready(input, { ...parts, kb: this.build(useBundled ? [bundledKnowledgeBase(), ...loaded] : loaded, problems).kb, texts });
  }

  /** The wanted files' texts, in their order; a file that cannot be read is a problem on it. */
  private async readTexts(wanted: readonly Wanted[], problems: Map<string, KbProblem[]>): Promise<{ uri: string; text: string }[]> {
    const texts: { uri: string; text: string }[] = [];
    await Promise.all(
      wanted.map(async (w) => {
        const read = await this.files.read(w.uri, readOptions(w));
        if ('text' in read) texts.push({ uri: w.uri, text: read.text });
        else problems.get(w.uri)!.push(problemAtStart(w.uri, `cannot read the knowledge base file: ${read.error}`));
      }),
    );
    return texts.sort((a, b) => wanted.findIndex((w) => w.uri === a.uri) - wanted.findIndex((w) => w.uri === b.uri));
  }

  /**
   * The wanted files' texts one at a time, in their order, each read when asked for (undefined
   * after the last); a file that cannot be read is a problem on it, and skipped.
   */
  private eachText(wanted: readonly Wanted[], problems: Map<string, KbProblem[]>): () => Promise<{ uri: string; text: string } | undefined> {
    let i = 0;
    return async () => {
      for (; i < wanted.length; i++) {
        const w = wanted[i];
        const read = await this.files.read(w.uri, readOptions(w));
        if ('text' in read) return { uri: wanted[i++].uri, text: read.text };
        problems.get(w.uri)!.push(problemAtStart(w.uri, `cannot read the knowledge base file: ${read.error}`));
      }
      return undefined;
    };
  }

  /** Whether files of these sizes are worth a cache entry (see KnowledgeCache.minBytes). */
  private worthCaching(sizes: readonly { bytes: number }[]): boolean {
    return this.cache !== undefined && sizes.reduce((n, d) => n + d.bytes, 0) >= this.cache.minBytes;
  }

  /**
   * A load of files worth caching that the cache does not hold: the texts `next` gives merged
   * (buildLarge) and, without problems, written to the cache under the texts' digests from the
   * merge's parts and read back from it, the merge let go; with problems, built. Its facts are
   * placed as findings cite them, as after a later load, so no text is kept; a load with problems
   * gives back the texts it read again for them, if it did. Memory is released once the files are
   * parsed, once they are merged, once the cache entry is written and once the merge is let go:
   * each step leaves the last one's objects behind (a parse tree per file, the merge's parts, the
   * snapshot's bytes), and V8 grows its heap rather than collect them while the load runs
   * (100,000 assertions' first load peaked at 450 MB of resident memory, 360 MB with three of
   * these collections, 293 MB now that the merge's parts are written without building them).
   */
  private async loadLarge(
    wanted: readonly Wanted[],
    next: () => Promise<{ uri: string; text: string } | undefined>,
    useBundled: boolean,
    problems: Map<string, KbProblem[]>,
  ): Promise<{ kb: KnowledgeBase; texts: readonly { uri: string; text: string }[] | undefined }> {
    const built = await this.buildLarge(wanted, next, useBundled, problems);
    this.mark('knowledge base files read');
    this.releaseMemory();
    let kb: KnowledgeBase;
    if ('parts' in built) {
      const key = this.cache!.key({ files: wanted.map((w, i) => ({ name: w.uri, digest: built.digests[i].sha256 })), useBundled });
      kb = this.throughCache(key, built.parts, fileNamesOf(wanted, useBundled));
    } else kb = built.kb;
    this.placedOnDemand.add(kb);
    return { kb, texts: built.texts };
  }

  /** The state of a large load (see loadLarge), once the knowledge base it built, if it was cached, is let go. */
  private readyLarge(input: KnowledgeInput, parts: Omit<LoadParts, 'kb' | 'texts'>, load: { kb: KnowledgeBase; texts: LoadParts['texts'] }): KnowledgeState {
    this.releaseMemory();
    return this.ready(input, { ...parts, ...load });
  }

  /**
   * The knowledge base of large files, each read, digested, parsed and let go before the next:
   * the texts of 100,000 assertions are 130 MB of strings, as much as the knowledge base built
   * from them, and were all held to the end. Should the merge find a problem that needs a
   * position in a file (an unknown id), the texts are read again and the files merged again,
   * with positions. Files that merge without a problem, all read, are not built: their merge's
   * parts for a snapshot are given (`parts`, knowledgePartsOfMerged), which the cache writes and
   * reads back without ever holding the compiled facts and the names' index at once (100,000
   * assertions' first server start peaked at 340–370 MB with them). `digests`: those of the texts
   * read, in order.
   */
  private async buildLarge(
    wanted: readonly Wanted[],
    next: () => Promise<{ uri: string; text: string } | undefined>,
    useBundled: boolean,
    problems: Map<string, KbProblem[]>,
  ): Promise<({ kb: KnowledgeBase } | { parts: KnowledgeParts }) & { digests: { sha256: string; bytes: number }[]; texts: readonly { uri: string; text: string }[] | undefined }> {
    const loaded: LoadedFile[] = [];
    const digests: { sha256: string; bytes: number }[] = [];
    for (let t = await next(); t; t = await next()) {
      digests.push(this.cache!.textDigest(t.text));
      loaded.push(loadFile(t.uri, t.text, this.log, false));
    }
    this.releaseMemory();
    let files = useBundled ? [bundledKnowledgeBase(), ...loaded] : loaded;
    let merged = this.merge(files);
    let again: readonly { uri: string; text: string }[] | undefined;
    if ('value' in merged && files.some((f) => f.positionsLost)) {
      // A file that cannot be read again costs its problems their positions only: its load was reported.
      const texts = await this.readTexts(wanted, new Map(wanted.map((w) => [w.uri, []])));
      files = files.map((f) => withTextOf(f, texts));
      merged = this.merge(files);
      again = texts;
    }
    if ('value' in merged && !merged.value.problems.length && digests.length === wanted.length) {
      const parts = this.partsForSnapshot(merged.value);
      if (parts) return { parts, digests, texts: again };
    }
    return { kb: this.build(files, problems, merged).kb, digests, texts: again };
  }

  /** The parts of a merge for a snapshot (see buildLarge); undefined, logged, should it throw: the files are then built, and the failure reported so. */
  private partsForSnapshot(merged: MergedKnowledgeBase): KnowledgeParts | undefined {
    try {
      return knowledgePartsOfMerged(merged);
    } catch (e) {
      this.log(`dealcheck: building the knowledge base failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  /** Merges files; a merge that throws is logged and given as its error. */
  private merge(files: readonly LoadedFile[]): Merged {
    try {
      return { value: mergeKnowledgeBases(files) };
    } catch (e) {
      this.log(`dealcheck: building the knowledge base failed: ${(e as Error).stack ?? e}`);
      return { error: e as Error };
    }
  }

  /**
   * The knowledge base of files (the bundled one first when used) from their merge. Its problems,
   * and a failure to merge or build (as a problem on every file, the bundled knowledge base alone
   * then in use), go into `problems`.
   */
  private build(files: readonly LoadedFile[], problems: Map<string, KbProblem[]>, merged: Merged = this.merge(files)): KnowledgeBaseResult {
    let built: KnowledgeBaseResult | undefined;
    let failure = 'error' in merged ? merged.error : undefined;
    try {
      if ('value' in merged) built = knowledgeBaseOfMerged(merged.value);
    } catch (e) {
      this.log(`dealcheck: building the knowledge base failed: ${(e as Error).stack ?? e}`);
      failure = e as Error;
    }
    if (!built || failure) {
      built = buildKnowledgeBase([bundledKnowledgeBase()]);
      for (const f of files) problems.get(f.file)?.push(problemAtStart(f.file, `dealcheck could not use the knowledge base files (${failure?.name}); see the dealcheck output`));
    }
    for (const p of built.problems) problems.set(p.file, [...(problems.get(p.file) ?? []), p]);
    return built;
  }

  /** The knowledge base the cache holds for the wanted files of these digests; undefined when it has none or they are not worth one. */
  private fromCache(wanted: readonly Wanted[], useBundled: boolean, digests: readonly ({ sha256: string; bytes: number } | { error: string })[]): KnowledgeBase | undefined {
    const cache = this.cache;
    if (!cache || !wanted.length) return undefined;
    // A file that cannot be digested is read, and its problem reported, as without a cache.
    if (digests.some((d) => 'error' in d)) return undefined;
    const sizes = digests as { sha256: string; bytes: number }[];
    if (!this.worthCaching(sizes)) return undefined;
    const read = cache.read(cache.key({ files: wanted.map((w, i) => ({ name: w.uri, digest: sizes[i].sha256 })), useBundled }), fileNamesOf(wanted, useBundled));
    if (!read.kb) return undefined;
    this.placedOnDemand.add(read.kb);
    this.mark('knowledge base read from the cache');
    return read.kb;
  }

  /**
   * The knowledge base of files worth a cache, merged without problems, as its snapshot gives it
   * back, the snapshot written from the merge's parts (`built`, see buildLarge) and kept for the
   * next load under `key`: the merge's objects are dropped for bytes read on demand, and this load
   * and the next check alike. Assembled from the parts when there is no snapshot.
   */
  private throughCache(key: string, built: KnowledgeParts, fileNames: readonly string[]): KnowledgeBase {
    const snapshot = this.cache!.write(key, built, fileNames, this.releaseMemory);
    if (!snapshot) return assembleKnowledgeBase(built);
    this.mark('knowledge base cached', snapshot.written ? 'written' : 'not written');
    return snapshot.kb;
  }

  /**
   * The state of a load: its knowledge base (the last good one when this load has problems), with
   * a locator that places the facts in the files' texts, or as findings cite them for a knowledge
   * base read back from a snapshot or built from files worth caching (placedOnDemand), and when
   * the load kept no texts.
   */
  private ready(input: KnowledgeInput, load: LoadParts): KnowledgeState {
    const { problems, notices, texts, sources, useBundled } = load;
    const bad = [...problems.values()].some((ps) => ps.length);
    const keptLastGood = bad && this.lastGood !== undefined;
    const kb = keptLastGood ? this.lastGood! : load.kb;
    if (!bad) this.lastGood = load.kb;
    const locator = new EvidenceLocator();
    const bundled = useBundled ? this.bundled(input) : undefined;
    let placed: Promise<void> = Promise.resolve();
    if (texts && !this.placedOnDemand.has(kb)) placed = locator.placeWhen(bundled?.then((b) => [...texts, ...(b ? [b] : [])]) ?? Promise.resolve(texts), kb.facts);
    else {
      const options = new Map(load.wanted.map((w) => [w.uri, readOptions(w)]));
      locator.placeOnDemand(kb, (file) => (file === BUNDLED_KB_NAME ? (bundled ?? Promise.resolve(undefined)) : this.readKnowledgeFile(file, options.get(file))));
    }
    const located = Promise.all([sources ? this.readSources(input, sources, locator, load.kb, [...(texts ?? [])], problems, notices) : 0, placed]).then(
      ([read]) => this.mark('source texts read', `${read}`),
      (e) => this.log(`dealcheck: reading the source texts failed: ${(e as Error).stack ?? e}`),
    );
    return { kb, problems, keptLastGood, notices, locator, located };
  }

  /** A knowledge base file's text, read again (as the load read it) to place a fact cited from it; none for a file the load did not read. */
  private async readKnowledgeFile(uri: string, options: ReadOptions | undefined): Promise<{ uri: string; text: string } | undefined> {
    if (!options) return undefined;
    const read = await this.files.read(uri, options);
    return 'text' in read ? { uri, text: read.text } : undefined;
  }

  private bundled(input: KnowledgeInput): Promise<{ uri: string; text: string } | undefined> | undefined {
    const uri = input.bundledUri;
    if (!uri) return undefined;
    if (input.bundledText !== undefined) return Promise.resolve({ uri, text: input.bundledText });
    this.bundledRead ??= this.files.read(uri, { maxBytes: MAX_KNOWLEDGE_BASE_BYTES, followLinks: true }).then((r) => ('text' in r ? { uri, text: r.text } : undefined));
    return this.bundledRead;
  }

  /**
   * This load's source texts (none in an untrusted workspace). The bundled knowledge base's are
   * known before any workspace file is read: asked for at once, their answers come with the
   * workspace's files, not after them.
   */
  private startSourceReads(input: KnowledgeInput, useBundled: boolean): SourceReads | { notice: string } | undefined {
    if (!input.trusted) return undefined;
    const sources = this.sourceReads(input);
    if (useBundled && sources instanceof SourceReads) for (const s of bundledKnowledgeBase().content.sources) sources.read(s.file);
    return sources;
  }

  /**
   * Where this load reads source texts from: the sources folder, each text resolving inside a
   * workspace folder (or inside a sources folder the user chose). Undefined when no sources
   * folder is set; a notice when it may not be read.
   */
  private sourceReads(input: KnowledgeInput): SourceReads | { notice: string } | undefined {
    const request = input.sourcesFolder;
    if (!request?.path) return undefined;
    const folder = sourcesFolderOf(request, input.folders, input.fallbackFolder);
    return 'notice' in folder ? folder : new SourceReads(this.files, folder);
  }

  /**
   * The source texts the knowledge base quotes, from the sources folder (reads started earlier
   * are used, not repeated), handed to the locator as each arrives; those that resolve outside
   * it are reported on the knowledge base file that names them. Gives how many were read.
   */
  private async readSources(
    input: KnowledgeInput,
    sources: SourceReads | { notice: string },
    locator: EvidenceLocator,
    kb: KnowledgeBase,
    kbTexts: { uri: string; text: string }[],
    problems: Map<string, KbProblem[]>,
    notices: string[],
  ): Promise<number> {
    if ('notice' in sources) {
      notices.push(sources.notice);
      return 0;
    }
    const files = new Set([...kb.sources.values()].map((s) => s.file));
    const texts = [...files].map((file) => {
      const read = sources.read(file);
      if (read.outside) {
        const holder = kbTexts.find((t) => t.text.includes(file));
        const message = `the file "${file}" is not read: it resolves outside the workspace folder (${displayName(read.uri, input.folders)})`;
        if (holder) {
          const line = lineOf(holder.text, file);
          problems.get(holder.uri)!.push({ file: holder.uri, line, character: 0, endLine: line, endCharacter: 0, field: 'sources', message });
        } else notices.push(`A knowledge base source: ${message}.`);
        return undefined;
      }
      // A missing source text only costs the link to its line: the knowledge base entry is shown instead.
      const text = read.text.then((result) => ('text' in result ? { uri: read.uri.toString(), text: result.text } : undefined));
      locator.expect(file, text);
      return text;
    });
    return (await Promise.all(texts)).filter((t) => t !== undefined).length;
  }
}

/**
 * The reads of one load's source texts, each file asked for once: the bundled knowledge base's
 * are started before the workspace's files are read, the others once the knowledge base is built.
 */
class SourceReads {
  private readonly reads = new Map<string, { uri: URI; outside: boolean; text?: Promise<ReadResult> }>();

  constructor(
    private readonly files: FileAccess,
    private readonly folder: SourcesFolder,
  ) {}

  /** The file's URI, and its text unless it resolves outside the roots (then it is not read). */
  read(file: string): { uri: URI; outside: true } | { uri: URI; outside: false; text: Promise<ReadResult> } {
    let read = this.reads.get(file);
    if (!read) {
      const { uri, outside, options } = sourceTextOf(this.folder, file);
      const text = outside ? undefined : this.files.read(uri.toString(), options);
      // A read started early may not be awaited (the knowledge base built lacks that source);
      // whoever awaits it still sees its failure.
      text?.catch(() => undefined);
      read = { uri, outside, text };
      this.reads.set(file, read);
    }
    return read.outside ? { uri: read.uri, outside: true } : { uri: read.uri, outside: false, text: read.text! };
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
  private sources = new Map<string, { uri: string; text: string }>();
  private places = new Map<string, FactPlace>();
  /** With a knowledge base read from a snapshot: it, and how to read the file that defines a fact (see placeOnDemand). */
  private onDemand?: { kb: KnowledgeBase; read: (file: string) => Promise<{ uri: string; text: string } | undefined> };
  /** Facts being placed on demand, each settling when it is placed (or found unplaceable). */
  private readonly placing = new Map<string, Promise<void>>();
  /** Facts that could not be placed on demand (no file defines them, or it could not be read or does not hold them): not tried again. */
  private readonly unplaceable = new Set<string>();
  /** Settles once the knowledge base files' texts are placed; `isPlaced` then. */
  private placed: Promise<void> = Promise.resolve();
  private isPlaced = true;
  /** Source texts being read, by file name as the knowledge base gives it; each settles when its read does. */
  private readonly reading = new Map<string, Promise<void>>();

  /** The texts to search, once read; `facts`: the facts findings will cite (the knowledge base in use). */
  use(sources: ReadonlyMap<string, { uri: string; text: string }>, kbTexts: readonly { uri: string; text: string }[], facts: readonly CompiledFact[]): void {
    this.sources = new Map(sources);
    this.places = placeFacts(kbTexts, facts);
    this.found.clear();
  }

  /**
   * Places each fact when a finding first cites it, in the file that defines it, read then: for a
   * knowledge base read back from a snapshot, whose files' texts the load never read (100,000
   * assertions' files are 66 MB; a check cites a handful of facts).
   */
  placeOnDemand(kb: KnowledgeBase, read: (file: string) => Promise<{ uri: string; text: string } | undefined>): void {
    this.onDemand = { kb, read };
  }

  /**
   * Places the facts `findings` cite that are not placed yet (see placeOnDemand); settles when they
   * all are. Undefined when none is being placed: every keystroke asks, and once its facts are
   * placed (or known to be unplaceable) a check waits for nothing, as with a built knowledge base.
   */
  private placeCited(findings: readonly Finding[]): Promise<void> | undefined {
    const { kb, read } = this.onDemand!;
    let byFile: Map<string, CompiledFact[]> | undefined;
    let waits: Set<Promise<void>> | undefined;
    for (const { fact: id } of findings) {
      if (id === undefined || this.places.has(id) || this.unplaceable.has(id)) continue;
      const placing = this.placing.get(id);
      if (placing) {
        (waits ??= new Set()).add(placing);
        continue;
      }
      const fact = kb.factById(id);
      const file = fact && kb.definedIn(id);
      if (!fact || !file) this.unplaceable.add(id);
      else (byFile ??= new Map()).set(file, [...(byFile.get(file) ?? []), fact]);
    }
    for (const [file, facts] of byFile ?? []) {
      const done = read(file)
        .then(
          (text) => {
            if (text) for (const [id, place] of placeFacts([text], facts)) this.places.set(id, place);
          },
          () => undefined,
        )
        .then(() => {
          for (const { fact } of facts) {
            this.placing.delete(fact.id);
            if (!this.places.has(fact.id)) this.unplaceable.add(fact.id);
          }
        });
      for (const f of facts) this.placing.set(f.fact.id, done);
      (waits ??= new Set()).add(done);
    }
    return waits && Promise.all(waits).then(() => undefined);
  }

  /** Places `facts` in the knowledge base files' texts once they are there; gives when that is done. */
  placeWhen(kbTexts: Promise<readonly { uri: string; text: string }[]>, facts: readonly CompiledFact[]): Promise<void> {
    this.isPlaced = false;
    this.placed = kbTexts.then((texts) => {
      this.places = placeFacts(texts, facts);
      this.isPlaced = true;
    });
    return this.placed;
  }

  /** A source text being read (undefined: there is none, or it could not be read): locations that may be in it wait for it. */
  expect(file: string, text: Promise<{ uri: string; text: string } | undefined>): void {
    const settled = text.then(
      (t) => void (t && this.sources.set(file, t)),
      () => undefined,
    );
    this.reading.set(file, settled);
    void settled.then(() => this.reading.get(file) === settled && this.reading.delete(file));
  }

  /**
   * Settles once the findings' evidence is located for good: the knowledge base files placed and
   * the source texts they cite read (or known to be missing). Those of other findings may still
   * be on their way: a first answer does not wait for texts it does not cite.
   */
  whenLocatable(findings: readonly Finding[]): Promise<void> {
    const cited = this.onDemand ? this.placeCited(findings) : undefined;
    if (!this.reading.size && !cited) return this.placed;
    const waits = new Set([this.placed, ...(cited ? [cited] : [])]);
    for (const f of findings) for (const e of f.evidence) {
      const read = this.reading.get(e.file);
      if (read) waits.add(read);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Cached once final: every diagnostic of every check asks again. */
  locate(finding: Finding, evidence: Finding['evidence'][number]): { uri: string; line: number } | undefined {
    const key = `${finding.fact}\u0000${evidence.source}\u0000${evidence.quote}`;
    if (this.found.has(key)) return this.found.get(key);
    const at = this.search(finding, evidence);
    // Placed on demand, a fact not placed yet may be soon.
    const final = !this.onDemand || finding.fact === undefined || this.places.has(finding.fact) || this.unplaceable.has(finding.fact);
    if (this.isPlaced && !this.reading.has(evidence.file) && final) this.found.set(key, at);
    return at;
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

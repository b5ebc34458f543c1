/**
 * `dealcheck PATH...`: checks drafts and reports conflicts, as a linter does: text for people,
 * JSON (the documented contract), SARIF for code scanning, rdjson for reviewdog and GitHub
 * workflow annotations; --fix and --fix-dry-run apply the preferred fixes.
 */
import { renameSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Checked } from './check-files';
import { type AppliedFix, fixText, unifiedDiff } from './fix';
import { githubChunks } from './formats/github';
import { jsonReportChunks } from './formats/json';
import { rdjsonChunks } from './formats/rdjson';
import { sarifChunks } from './formats/sarif';
import { textChunks } from './formats/text';
import { type Io, writeAll } from './io';
import { batched } from './json-stream';
import { type Prepared, type RunOptions, VERSION, finish, loadRun, parseRunArgs } from './run';
import { styleFor } from './style';
import { severityOf } from '../config/schema';
import { ValueType } from '../knowledge/schema';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'rdjson', 'github'] as const;

export const CHECK_USAGE = `usage: dealcheck [options] PATH...
       dealcheck report [options] PATH...     every figure's verdict and each draft's coverage

Checks the dollar figures, percentages, multiples, dates, durations and chip specs in Markdown
drafts against the sources in the knowledge base.

  --format FORMAT           text (default), json, sarif, rdjson (reviewdog) or github (workflow annotations)
  -o, --output FILE         write the results to FILE
  --include-supported       also list figures the sources support
  -q, --quiet               report errors only (exit status unchanged)
  --fix                     apply each conflict's preferred fix and write the files
  --fix-dry-run             print the fixes as a unified diff; write nothing
  --sarif-base DIR          SARIF paths are relative to DIR (default: the current folder)
  --sarif-category NAME     SARIF automationDetails category (default: dealcheck)
COMMON_OPTIONS`;

/** Writes a file through a temporary one beside it and a rename, keeping its mode: never half-written. */
function writeFileAtomic(path: string, text: string) {
  const mode = statSync(path).mode;
  const temp = join(dirname(path), `.${basename(path)}.dealcheck-${process.pid}.tmp`);
  writeFileSync(temp, text, { mode });
  chmodSync(temp, mode);
  renameSync(temp, path);
}

function describeFix(path: string, a: AppliedFix): string {
  return `${path}:${a.line + 1}:${a.character + 1}  fixed  ${a.from} → ${a.to}  (${a.title})\n`;
}

/** --fix / --fix-dry-run: fix each draft, write it or print its diff, and return the drafts as fixed. */
function applyFixes(files: Checked[], options: RunOptions, prepared: Prepared, io: Io): Checked[] | number {
  const say = options.format === 'text' && !options.fixDryRun ? io.out : io.err;
  let fixed = 0;
  const out: Checked[] = [];
  for (const file of files) {
    if (file.text === undefined || !file.findings.some((f) => f.kind === 'conflict' || f.kind === 'outdated')) {
      out.push(file);
      continue;
    }
    let result;
    try {
      result = fixText(file.text, (t) => (t === file.text ? file.findings : prepared.checkText(t)));
    } catch (e) {
      out.push({ ...file, error: `dealcheck could not fix it: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (!result.applied.length) {
      out.push(file);
      continue;
    }
    fixed += result.applied.length;
    if (!options.quiet || options.fixDryRun) for (const a of result.applied) say(describeFix(file.path, a));
    if (options.fixDryRun) io.out(unifiedDiff(file.path, file.text, result.text));
    else {
      try {
        writeFileAtomic(resolve(prepared.cwd, file.path), (file.bom ? '\uFEFF' : '') + result.text);
      } catch (e) {
        out.push({ ...file, error: `cannot write the fixes: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
    }
    out.push({ ...file, text: result.text, findings: prepared.checkText(result.text) });
  }
  if (!options.quiet) io.err(`dealcheck: ${options.fixDryRun ? 'would apply' : 'applied'} ${fixed} fix${fixed === 1 ? '' : 'es'}\n`);
  return out;
}

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const parsed = parseRunArgs(argv, io, { command: 'check', usage: CHECK_USAGE, formats: CHECK_FORMATS });
  if (typeof parsed === 'number') return parsed;
  const fixing = parsed.fix || parsed.fixDryRun;
  const options: RunOptions = {
    ...parsed,
    checkOptions: { includeSupported: parsed.includeSupported, withFixes: fixing || !['text', 'github'].includes(parsed.format) },
  };
  const prepared = await loadRun(options, io);
  if (typeof prepared === 'number') return prepared;
  let files = await prepared.check();
  if (fixing) {
    const fixed = applyFixes(files, options, prepared, io);
    if (typeof fixed === 'number') return fixed;
    files = fixed;
    // The diff is the dry run's output; the findings that remain decide the exit status.
    if (options.fixDryRun) return finish(files, options, prepared, io, () => {});
  }
  const shown = options.quiet ? files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) : files;
  const style = styleFor(options, io, options.format === 'text');
  const levels = Object.fromEntries(
    ValueType.options.flatMap((t) => {
      const s = severityOf(prepared.config.config, t);
      return [[`${t}-conflict`, s], [`${t}-outdated`, s === 'ignore' ? s : prepared.config.config.outdatedSeverity]];
    }),
  );
  const chunks = () => {
    switch (options.format) {
      case 'json':
        return jsonReportChunks(shown);
      case 'sarif':
        return sarifChunks(shown, { version: VERSION, base: resolve(prepared.cwd, options.sarifBase ?? '.'), cwd: prepared.cwd, category: options.sarifCategory, levels });
      case 'rdjson':
        return rdjsonChunks(shown);
      case 'github':
        return githubChunks(shown);
      default:
        return textChunks(files, style, options.quiet);
    }
  };
  return finish(files, options, prepared, io, (out) => writeAll(out, batched(chunks())));
}

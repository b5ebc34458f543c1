/**
 * The browser entry's first import: the server's worker (startEarly) and the reads the server
 * makes first (prefetchStartupFiles) start while the rest of the extension's script is set up,
 * before the extension host calls activate(). The reads go through the workbench, whose answers
 * come late while it starts (seconds, at times): asked for before activation, they come sooner.
 */
import * as vscode from 'vscode';
import type { StartupMark } from '../server/protocol';
import { epochNow } from '../server/startup';
import { type Prefetched, prefetchStartupFiles } from './files';
import { type EarlyWorker, startEarly } from './server-worker';
import { editorSourcesFolder } from './settings';

/**
 * Start-up steps noted before activation, kept until activate() hands over its timeline's list
 * (handOver); from then on each is added to it as it happens (the reads ahead answer later).
 */
export class EarlyMarks {
  private list: StartupMark[] = [];

  readonly note = (what: string): void => void this.list.push({ what, at: epochNow() });

  /** From now on steps go to `list`, those noted so far first. */
  handOver(list: StartupMark[]): void {
    list.push(...this.list);
    this.list = list;
  }
}

export const earlyMarks = new EarlyMarks();
/** What went wrong starting the worker early, for the log once it exists. */
export const earlyLog: string[] = [];
export const early: EarlyWorker | undefined = startEarly(earlyMarks.note, (message) => void earlyLog.push(message));
/** In an untrusted workspace no workspace file is read: nothing is read ahead. */
export const prefetched: Prefetched | undefined = vscode.workspace.isTrusted ? prefetchStartupFiles(earlyMarks.note, editorSourcesFolder()) : undefined;

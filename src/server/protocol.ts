/**
 * dealcheck's own messages between the extension and the language server, beside standard LSP.
 * Plain names and shapes only, so the extension can import this without pulling in the server.
 */

/** Server → client after each check of a document: what the status bar shows. */
export const STATUS_NOTIFICATION = 'dealcheck/status';
export interface StatusParams {
  uri: string;
  conflicts: number;
  supported: number;
  /** Figures no fact of the knowledge base covers. */
  unverified?: number;
  /** Set when the document was not checked, with the reason. */
  skipped?: string;
  /** Problems in the knowledge base files, if any. */
  knowledgeBaseProblems: number;
}

/** Client → server: check every Markdown file in the workspace, with progress; results are pushed. */
export const CHECK_WORKSPACE_REQUEST = 'dealcheck/checkWorkspace';
export interface CheckWorkspaceResult {
  files: number;
  conflicts: number;
}

/** Client → server: the fact behind the figure at a position, or null. */
export const FACT_AT_REQUEST = 'dealcheck/factAt';
export interface FactAtParams {
  uri: string;
  position: { line: number; character: number };
}
export interface FactAtResult {
  /** The fact in plain words ("Amazon's investment in Anthropic"), or the figure when no fact covers it. */
  statement: string;
  /** Markdown: the same text as the hover. */
  markdown: string;
  /** Where each source says it: the quoted line in the source text, or the knowledge base entry. */
  locations: { title: string; uri: string; line: number }[];
}

/**
 * Server → client: a file's text, read by the editor (VS Code: `vscode.workspace.fs`), so that
 * knowledge base and source files are found in virtual and remote workspaces and in the browser.
 * Sent only to clients that said `fileAccess: "client"` in their initialization options.
 */
export const READ_FILE_REQUEST = 'dealcheck/readFile';
export interface ReadFileParams {
  uri: string;
  /** Larger files are refused. */
  maxBytes: number;
  /** Whether a symbolic link may be followed (only for paths from user settings). */
  followLinks: boolean;
}
/** The text, or why it could not be read, in words that never quote the file. */
export type ReadFileResult = { text: string } | { error: string };

/** Server → client: the files below a folder whose relative path matches a glob. */
export const FIND_FILES_REQUEST = 'dealcheck/findFiles';
export interface FindFilesParams {
  folder: string;
  glob: string;
  /** Globs of folders to leave out. */
  exclude: string[];
}

/** Client → server: the source-coverage report of a document (src/report/), as an HTML page. */
export const REPORT_REQUEST = 'dealcheck/report';
export interface ReportParams {
  uri: string;
}
export interface ReportResult {
  uri: string;
  /** The document version the report is about. */
  version: number;
  /** The draft's name in the report: its path in the workspace folder. */
  name: string;
  /** A self-contained page (inline CSS, no script, a strict content security policy). */
  html: string;
}

/** What the VS Code extension tells the server in `initializationOptions`. */
export interface InitializationOptions {
  /** false in an untrusted workspace: only the bundled knowledge base, no workspace file is read. */
  trusted?: boolean;
  /** The `dealcheck` settings, until the server asks for them. */
  settings?: unknown;
  /** Whether hovers may carry command links (the extension handles dealcheck.openSource and dealcheck.showFact). */
  commandLinks?: boolean;
  /** "client": read files through READ_FILE_REQUEST and FIND_FILES_REQUEST, never from disk. */
  fileAccess?: 'client' | 'server';
  /** Where the shipped copy of the bundled knowledge base is, for "go to the knowledge base entry". */
  bundledKnowledgeBaseUri?: string;
  /** Send STARTUP_NOTIFICATION after the first diagnostics (the extension logs it). */
  startupTimes?: boolean;
  /**
   * Answer a long draft's first diagnostics pull with the first screen's diagnostics, then ask
   * for a pull again (workspace/diagnostic/refresh) once the whole draft is checked.
   */
  earlyDiagnostics?: boolean;
}

/** One step of the server's start-up: what, and when (milliseconds since the epoch). */
export interface StartupMark {
  what: string;
  at: number;
  /** A few words more ("975 blocks", "2 files read"). */
  detail?: string;
}

/**
 * Server → client, once, with its first diagnostics (just before the answer that carries them),
 * to clients that asked with `startupTimes`: when each step of its start-up happened.
 */
export const STARTUP_NOTIFICATION = 'dealcheck/startup';
export interface StartupParams {
  marks: StartupMark[];
}

/**
 * Client → server, just before a document's didOpen, when an editor shows it: the last line on
 * screen. With `earlyDiagnostics`, the first answer covers the draft up to there (else up to the
 * server's FIRST_SCREEN_LINES).
 */
export const VISIBLE_LINES_NOTIFICATION = 'dealcheck/visibleLines';
export interface VisibleLinesParams {
  uri: string;
  /** 0-based, the last line any editor of the document shows. */
  lastLine: number;
}

/** The dealcheck.* settings the server reads: the keys of src/server/settings.ts's schema (a test holds them equal). */
export const SETTING_KEYS = ['enable', 'knowledgeBase', 'useBundledKnowledgeBase', 'sourcesFolder', 'severity', 'outdatedSeverity', 'showSupported', 'showUnverified', 'blockTimeBudgetMs', 'debounceMs', 'relatedInformationLimit'] as const;

/**
 * Beside the settings (in `workspace/configuration` answers and `initializationOptions.settings`,
 * key `$origins`): which path settings come from the user's own settings, which may point
 * anywhere, and which from the workspace, which must stay inside it. A client that does not say
 * is taken at its word: its settings are the user's.
 */
export interface SettingOrigins {
  knowledgeBase?: 'user' | 'workspace';
  sourcesFolder?: 'user' | 'workspace';
}

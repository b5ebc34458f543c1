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
  /** Markdown: the same text as the hover. */
  markdown: string;
  /** Where each source says it: the quoted line in the source text, or the knowledge base entry. */
  locations: { title: string; uri: string; line: number }[];
}

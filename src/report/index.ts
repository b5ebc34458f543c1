/**
 * The source-coverage report, for every front end: `renderReport(inputs, format)` turns the
 * engine's findings for some drafts into text, Markdown, JSON or a self-contained HTML page.
 * The VS Code extension shows `renderReport([input], 'html')` in a webview; the CLI's
 * `dealcheck report` prints the same. Pure: no Node or editor imports.
 */
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { type CoverageReport, type ReportInput, coverageReport } from './model';
import { type Style, renderText } from './text';

export { CoverageReport, Counts, FileCoverage, ReportFigure, coverageReport, percent } from './model';
export type { ReportInput } from './model';
export { renderHtml } from './html';
export { renderMarkdown } from './markdown';
export { PLAIN, type Style, renderText, textChunks } from './text';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** The HTML page's title. */
  title?: string;
  /** Colours for the text format. */
  style?: Style;
}

export function renderReport(inputs: readonly ReportInput[], format: ReportFormat, options: RenderOptions = {}): string {
  const report: CoverageReport = coverageReport(inputs);
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report, new Map(inputs.map((i) => [i.path, i.text])), options.title);
    case 'text':
      return renderText(report, options.style);
  }
}

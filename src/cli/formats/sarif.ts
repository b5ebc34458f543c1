/** SARIF 2.1.0, for code-scanning dashboards: one rule per check code, evidence in each result's properties. */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Finding, Report } from '../../diagnostics/finding';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(r: Finding['range']) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function formatSarif(report: Report, version: string): string {
  const codes = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.code)))].sort();
  const results = report.files.flatMap((file) =>
    file.findings.map((f) => {
      const uri = pathToFileURL(resolve(file.path)).href;
      return {
        ruleId: f.code,
        ruleIndex: codes.indexOf(f.code),
        level: LEVEL[f.severity],
        kind: f.kind === 'conflict' ? 'fail' : f.kind === 'outdated' ? 'review' : 'pass',
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: { ...region(f.range), snippet: { text: f.text } } } }],
        fixes: f.fixes
          .filter((x) => x.kind !== 'ignore')
          .map((x) => ({
            description: { text: x.title },
            artifactChanges: [
              { artifactLocation: { uri }, replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) },
            ],
          })),
        properties: { fact: f.fact, statement: f.statement, sourcesAgree: f.sourcesAgree, evidence: f.evidence },
      };
    }),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dealcheck',
            version,
            informationUri: 'https://github.com/dealcheck/dealcheck#checks',
            rules: codes.map((id) => ({
              id,
              shortDescription: { text: id.endsWith('-conflict') ? `A ${id.split('-')[0]} figure that no source supports` : `A ${id.split('-')[0]} figure a source supports` },
              helpUri: `https://github.com/dealcheck/dealcheck#${id}`,
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

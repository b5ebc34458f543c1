/** The text format's summary line: what was found, where, and what --quiet left out. */
import { strict as assert } from 'node:assert';
import { summaryOf } from '../../../../src/cli/formats/text';

const none = { conflicts: 0, outdated: 0, supported: 0, errors: 0, hidden: 0, filesWithConflicts: 0, files: 1 };

describe('cli/formats/text: summaryOf', () => {
  const rows: [name: string, counts: Partial<typeof none>, line: string][] = [
    ['a clean file', {}, '0 conflicts in 1 file.'],
    ['clean files with supported figures', { files: 2, supported: 3 }, '0 conflicts in 2 files; 3 supported.'],
    ['conflicts in some files only', { files: 3, conflicts: 2, filesWithConflicts: 1 }, '2 conflicts in 1 of 3 files.'],
    ['conflicts in every file', { files: 2, conflicts: 2, filesWithConflicts: 2 }, '2 conflicts in 2 files.'],
    ['outdated counted apart', { files: 2, conflicts: 1, outdated: 1, filesWithConflicts: 2 }, '1 conflict, 1 outdated in 2 files.'],
    ['only outdated', { outdated: 1, filesWithConflicts: 1 }, '0 conflicts, 1 outdated in 1 file.'],
    ['a file that could not be read', { files: 2, errors: 1 }, '0 conflicts in 2 files; 1 file could not be checked.'],
    ['--quiet hid the warnings', { files: 2, conflicts: 2, filesWithConflicts: 2, hidden: 2 }, '2 conflicts in 2 files; 2 findings not shown (--quiet shows errors only).'],
  ];
  for (const [name, counts, line] of rows) it(name, () => assert.equal(summaryOf({ ...none, ...counts }), line));
});

/**
 * The extension reads the bundled knowledge base's source texts ahead (src/extension/files.ts):
 * it must ask for exactly what the server's knowledge base load asks for, or the reads ahead go
 * unused.
 */
import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { bundledKnowledgeBase } from '../../../src/knowledge/bundled';
import { BUNDLED_SOURCE_FILES, type FileAccess } from '../../../src/server/files';
import { KnowledgeHost } from '../../../src/server/knowledge-host';
import type { PathRequest } from '../../../src/server/paths';
import type { ReadFileParams } from '../../../src/server/protocol';
import { bundledSourceReads } from '../../../src/server/source-paths';

const ws = URI.parse('vscode-remote://host:8080/home/ann/drafts');
const other = URI.parse('vscode-vfs://github/ann/notes');

/** The source texts a first knowledge base load asks for, with only the bundled knowledge base and `sourcesFolder`. */
async function serverReads(sourcesFolder: PathRequest, folders: URI[]): Promise<ReadFileParams[]> {
  const reads: ReadFileParams[] = [];
  const files: FileAccess = {
    read: async (uri, options) => (reads.push({ uri, ...options }), { error: 'there is no such file' }),
    find: async () => [],
  };
  const state = await new KnowledgeHost(files, () => undefined).load({ folders, knowledgeBase: [], sourcesFolder, useBundledKnowledgeBase: true, trusted: true });
  await state.located;
  return reads;
}

describe('the bundled knowledge base source texts the extension reads ahead', () => {
  it('are the bundled knowledge base sources, in its order', () => {
    assert.deepEqual([...BUNDLED_SOURCE_FILES], bundledKnowledgeBase().content.sources.map((s) => s.file));
  });

  /** [case, sources folder, workspace folders, how many texts are read] */
  const cases: [string, PathRequest, URI[], number][] = [
    ['a workspace folder path', { path: 'sources', origin: 'workspace' }, [ws], 5],
    ['a user absolute path outside the workspace', { path: '/srv/articles', origin: 'user' }, [ws], 5],
    ['a user path climbing out', { path: '../articles', origin: 'user' }, [ws, other], 5],
    ['a workspace path climbing out (not read)', { path: '../articles', origin: 'workspace' }, [ws], 0],
    ['a workspace absolute path outside (not read)', { path: '/srv/articles', origin: 'workspace' }, [ws], 0],
    ['two workspace folders', { path: 'sources', origin: 'workspace' }, [ws, other], 5],
  ];
  for (const [name, request, folders, count] of cases) {
    it(`are the server's reads: ${name}`, async () => {
      const reads = bundledSourceReads(request, folders);
      assert.equal(reads.length, count);
      assert.deepEqual(reads, await serverReads(request, folders));
    });
  }

  it('are none without a workspace folder or a sources folder', () => {
    assert.deepEqual(bundledSourceReads({ path: '/srv/articles', origin: 'user' }, []), []);
    assert.deepEqual(bundledSourceReads({ path: '', origin: 'user' }, [ws]), []);
  });
});

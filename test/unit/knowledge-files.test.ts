/** Which knowledge base files a workspace loads: the configured ones, and every *.dealkb.* outside test folders. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { URI } from 'vscode-uri';
import { KnowledgeHost } from '../../src/server/knowledge-host';
import { nodeFileAccess } from '../../src/server/node-files';

describe('workspace knowledge base files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dealcheck-kbfiles-'));
  const files = ['team.dealkb.json', 'docs/more.dealkb.yaml', 'test/fixtures/broken.dealkb.json', 'fixtures/x.dealkb.json', 'tests/y.dealkb.yml', 'node_modules/p/z.dealkb.json'];
  before(() => {
    for (const f of files) {
      mkdirSync(join(folder, f, '..'), { recursive: true });
      writeFileSync(join(folder, f), '{"version": 1}');
    }
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const cases: { name: string; knowledgeBase: string[]; trusted: boolean; expected: string[] }[] = [
    { name: 'the workspace\'s own, not test fixtures', knowledgeBase: [], trusted: true, expected: ['docs/more.dealkb.yaml', 'team.dealkb.json'] },
    { name: 'a fixture when configured, first', knowledgeBase: ['test/fixtures/broken.dealkb.json'], trusted: true, expected: ['test/fixtures/broken.dealkb.json', 'docs/more.dealkb.yaml', 'team.dealkb.json'] },
    { name: 'none in an untrusted workspace', knowledgeBase: ['team.dealkb.json'], trusted: false, expected: [] },
  ];
  for (const { name, knowledgeBase, trusted, expected } of cases) {
    it(`loads ${name}`, async () => {
      const host = new KnowledgeHost(nodeFileAccess, () => undefined);
      const input = { folders: [URI.file(folder)], knowledgeBase: knowledgeBase.map((path) => ({ path, origin: 'workspace' as const })), useBundledKnowledgeBase: true, trusted };
      const found = await host.wantedFiles(input, []);
      assert.deepEqual(found.map((f) => relative(folder, URI.parse(f.uri).fsPath)), expected);
    });
  }
});

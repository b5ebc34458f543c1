/**
 * Debian's own Neovim (0.7.2 in Debian 12, /usr/bin/nvim; scripts/e2e/setup.sh installs it), run
 * headless with the README's snippet for Neovim 0.7 as its whole configuration: the language
 * server's diagnostics arrive, a hover answers, and the preferred code action rewrites the figure
 * and adds the footnote. The snippet is read from the README, so the two cannot drift.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requireBuilt } from '../integration/helpers';

const NVIM = process.env.NVIM_PATH ?? '/usr/bin/nvim';
const serverPath = join(repoRoot, 'dist/server.js');

/** The README's Lua block for Neovim 0.7 (the one that uses vim.lsp.start_client). */
export function readmeSnippet(marker: string): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes(marker));
  if (!block) throw new Error(`README.md has no \`\`\`lua block with ${marker}`);
  return block;
}

interface Probe {
  filetype: string;
  waited: boolean;
  diagnostic?: { lnum: number; col: number; code: string; message: string };
  hover?: string;
  titles?: string[];
  applied?: string;
  lines: string[];
}

describe('Neovim 0.7 (Debian) with the README snippet', function () {
  this.timeout(90_000);
  let probe: Probe;

  before(() => {
    if (!existsSync(NVIM)) throw new Error(`${NVIM} is missing: run \`bash scripts/e2e/setup.sh\``);
    requireBuilt(serverPath);
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-nvim-'));
    // dealcheck-ls on PATH, as `npm install -g dealcheck` puts it (install.test.ts tests that part).
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin/dealcheck-ls'), `#!/bin/sh\nexec "${process.execPath}" "${serverPath}" "$@"\n`);
    chmodSync(join(dir, 'bin/dealcheck-ls'), 0o755);
    writeFileSync(join(dir, 'init.lua'), readmeSnippet('vim.lsp.start_client'));
    writeFileSync(join(dir, 'draft.md'), '# Draft\n\nAmazon invested $35 billion in Anthropic this spring.\n');
    const out = join(dir, 'probe.json');
    const r = spawnSync(NVIM, ['--headless', '-u', 'init.lua', '-c', `luafile ${join(__dirname, 'neovim-probe.lua')}`, 'draft.md'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, XDG_CONFIG_HOME: join(dir, 'xdg'), XDG_DATA_HOME: join(dir, 'xdg'), XDG_STATE_HOME: join(dir, 'xdg'), DEALCHECK_PROBE_OUT: out },
    });
    assert.ok(existsSync(out), `nvim wrote no result (status ${r.status}, signal ${r.signal}): ${r.stdout}${r.stderr}`);
    probe = JSON.parse(readFileSync(out, 'utf8'));
  });

  it('shows the conflict as a diagnostic on the figure', () => {
    assert.equal(probe.filetype, 'markdown');
    assert.equal(probe.waited, true);
    assert.deepEqual([probe.diagnostic?.lnum, probe.diagnostic?.col, probe.diagnostic?.code], [2, 16, 'money-conflict']);
    assert.match(probe.diagnostic!.message, /^\$35 billion conflicts with every source on Amazon's investment in Anthropic/);
  });

  it('answers a hover with the fact and each source', () => {
    assert.match(probe.hover ?? '', /^\*\*Amazon's investment in Anthropic\*\* \(dealcheck\)/);
    assert.match(probe.hover ?? '', /\*\$35 billion\*\* agrees with no source/);
  });

  it('applies the preferred code action: the source value and a footnote citing it', () => {
    assert.ok(probe.titles!.includes('Ignore this figure'), probe.titles!.join('\n'));
    const value = /^Replace with (\S+ \S+) — /.exec(probe.applied ?? '')?.[1];
    assert.ok(value, probe.applied);
    assert.match(probe.lines[2], new RegExp(`^Amazon invested \\${value} in Anthropic this spring\\.\\[\\^dc-[a-z0-9-]+\\]$`));
    const label = /\[\^(dc-[a-z0-9-]+)\]$/.exec(probe.lines[2])![1];
    assert.match(probe.lines.at(-1)!, new RegExp(`^\\[\\^${label}\\]: ".+" — .+\\.$`));
  });
});

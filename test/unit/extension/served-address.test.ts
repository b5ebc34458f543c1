/** The server script's address, told by the address the extension host served the extension's own script from. */
import assert from 'node:assert/strict';
import { servedAddress } from '../../../src/extension/served-address';

const own = { path: '/tmp/ext/dealcheck-0.1.0/dist/web/extension.js' };
const server = { path: '/tmp/ext/dealcheck-0.1.0/dist/web/server.js' };

describe('servedAddress', () => {
  it('puts the script in place of the extension in an encoded query (code-server, remote workspaces)', () => {
    const entries = [
      { name: 'http://127.0.0.1:1/stable-x/static/out/vs/workbench/api/worker/extensionHostWorkerMain.js' },
      { name: 'http://127.0.0.1:1/stable-x/vscode-remote-resource?path=%2Ftmp%2Fext%2Fdealcheck-0.1.0%2Fdist%2Fweb%2Fextension.js&tkn=' },
    ];
    assert.equal(servedAddress(server, own, entries), 'http://127.0.0.1:1/stable-x/vscode-remote-resource?path=%2Ftmp%2Fext%2Fdealcheck-0.1.0%2Fdist%2Fweb%2Fserver.js&tkn=');
  });

  it('puts it in place of a plain path', () => {
    assert.equal(servedAddress(server, own, [{ name: 'https://cdn.example/x/tmp/ext/dealcheck-0.1.0/dist/web/extension.js' }]), 'https://cdn.example/x/tmp/ext/dealcheck-0.1.0/dist/web/server.js');
  });

  it('gives nothing when no entry names the extension, or one names it twice', () => {
    assert.equal(servedAddress(server, own, []), undefined);
    assert.equal(servedAddress(server, own, [{ name: 'http://h/other.js' }]), undefined);
    assert.equal(servedAddress(server, own, [{ name: `http://h${own.path}?again=${own.path}` }]), undefined);
  });
});

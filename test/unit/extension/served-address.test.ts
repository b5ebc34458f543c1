/** The server script's address, told by the address the extension host served the extension's own script from. */
import assert from 'node:assert/strict';
import { scriptFromStack, servedAddress } from '../../../src/extension/served-address';

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

describe('scriptFromStack', () => {
  it('reads the location the extension host named the script by (its sourceURL) from the first frame', () => {
    const stack = [
      'Error',
      '    at eval (vscode-remote://127.0.0.1:4000/tmp/x%20y/dealcheck-0.1.0/dist/web/extension.js#vscode-extension:3:9)',
      '    at yb (http://127.0.0.1:4000/stable-x/static/out/vs/workbench/api/worker/extensionHostWorkerMain.js:1:2)',
    ].join('\n');
    assert.equal(scriptFromStack(stack, 'dist/web/extension.js'), 'vscode-remote://127.0.0.1:4000/tmp/x%20y/dealcheck-0.1.0/dist/web/extension.js');
    assert.equal(scriptFromStack('Error\n    at https://cdn.example/ext/dist/web/extension.js:1:20', 'dist/web/extension.js'), 'https://cdn.example/ext/dist/web/extension.js');
  });

  it('gives nothing when the first frame is not the script, or there is no stack', () => {
    assert.equal(scriptFromStack('Error\n    at f (http://h/other.js:1:2)\n    at g (http://h/ext/dist/web/extension.js:1:2)', 'dist/web/extension.js'), undefined);
    assert.equal(scriptFromStack('Error\n    at eval (eval at f (http://h/a.js:1:2), <anonymous>:3:80)', 'dist/web/extension.js'), undefined);
    assert.equal(scriptFromStack(undefined, 'dist/web/extension.js'), undefined);
  });
});

#!/usr/bin/env bash
# Installs code-server (a real VS Code, 1.100.3, served to a browser) from npm into
# .cache/code-server, outside the project's node_modules so that `npm ci` stays fast.
# Skips when that version is already there. Needs ripgrep and libkrb5-dev (scripts/e2e/setup.sh).
#
# code-server 4.100.3 is the newest that runs on Node 20. Its install needs, on this machine:
#   - npm_config_unsafe_perm=true: its postinstall refuses to run as root otherwise;
#   - npm_config_yes=true: node-pty's install runs `npx node-gyp`, which npx would refuse;
#   - a tarball of Debian's /usr/bin/rg where @vscode/ripgrep's postinstall looks first,
#     since its download from GitHub cannot work here.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PREFIX="${CODE_SERVER_PREFIX:-$PWD/.cache/code-server}"
PKG="$PREFIX/node_modules/code-server"

if [ -f "$PKG/package.json" ] && [ -f "$PREFIX/.installed-$VERSION" ] \
   && node -e "process.exit(require('$PKG/package.json').version === '$VERSION' ? 0 : 1)"; then
  echo "== code-server $VERSION already in $PREFIX"
  exit 0
fi

RG="$(command -v rg || true)"
if [ -z "$RG" ]; then
  echo "install-code-server: ripgrep (rg) is missing: run scripts/e2e/setup.sh" >&2
  exit 1
fi

start=$(date +%s)
echo "== installing code-server $VERSION into $PREFIX"
mkdir -p "$PREFIX"
rm -f "$PREFIX"/.installed-*
[ -f "$PREFIX/package.json" ] || echo '{"name":"dealcheck-e2e-code-server","private":true}' > "$PREFIX/package.json"

# @vscode/ripgrep's postinstall takes this cached archive before trying a download.
TMP="${TMPDIR:-/tmp}"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
case "$(uname -m)" in
  x86_64) triple=x86_64-unknown-linux-musl ;;
  aarch64) triple=aarch64-unknown-linux-musl ;;
  *) echo "install-code-server: no ripgrep archive name known for $(uname -m)" >&2; exit 1 ;;
esac
tarball="$RG_CACHE/ripgrep-v13.0.0-10-$triple.tar.gz"
[ -f "$tarball" ] || tar -czf "$tarball" -C "$(dirname "$RG")" rg

npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$PREFIX" --no-audit --no-fund --no-save --loglevel=error "code-server@$VERSION"

"$PKG/out/node/entry.js" --version >/dev/null 2>&1 || node "$PKG/out/node/entry.js" --version
touch "$PREFIX/.installed-$VERSION"
echo "== code-server $VERSION installed in $(( $(date +%s) - start )) s"

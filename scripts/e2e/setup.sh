#!/usr/bin/env bash
# Prepares this machine for the real-editor and tool tests (npm run test:e2e, test:vscode, test:tools):
#   - Debian packages: chromium (driven by playwright-core), ripgrep (code-server's search,
#     installed from Debian because @vscode/ripgrep's own download cannot work offline) and
#     libkrb5-dev (headers for code-server's `kerberos` dependency), neovim and pre-commit
#     (test:tools runs the README's Neovim snippet and the pre-commit hook); only those missing are
#     installed, and `apt-get update` runs only when something is.
#   - code-server, from npm, into .cache/code-server (scripts/e2e/install-code-server.sh).
# Safe to run again: a second run does nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/../.."

start=$(date +%s)
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
# test:tools: Debian's own Neovim (0.7.2 in Debian 12) for the README's snippet, and pre-commit for the hook
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
command -v git >/dev/null 2>&1 || need+=(git)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
# native builds of code-server's dependencies (node-pty, argon2 fallback)
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# fonts so that screenshots show text
compgen -G "/usr/share/fonts/truetype/*/*.ttf" >/dev/null || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "== e2e setup: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "== e2e setup: Debian packages present"
fi

bash scripts/e2e/install-code-server.sh
echo "== e2e setup done in $(( $(date +%s) - start )) s"

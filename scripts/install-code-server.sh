#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench, served over HTTP) and Debian's Chromium without
# touching GitHub or the VS Code download server: npm install --ignore-scripts, then the native
# addons are built by hand against the local Node headers. Recipe: ../shared/e2e.md, section 1.
# Usage: scripts/install-code-server.sh [TARGET_DIR]   (default: .cache/code-server, git-ignored)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${1:-$ROOT/.cache/code-server}
CS_VERSION=${CS_VERSION:-4.100.3}   # the last release whose engines.node is 20
NODE_GYP=${NODE_GYP:-$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js}
# Node headers for node-gyp (never downloaded): /usr/include/node for Debian/NodeSource packages,
# <prefix>/include/node for the official tarballs.
if [ -z "${NODEDIR:-}" ]; then
  NODEDIR=/usr
  if [ ! -f /usr/include/node/node.h ]; then
    NODEDIR=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  fi
fi
if [ ! -f "$NODEDIR/include/node/node.h" ]; then
  echo "[install-code-server] no Node headers in $NODEDIR/include/node (set NODEDIR)" >&2
  exit 1
fi
CS_BIN="$TARGET/node_modules/.bin/code-server"

need_apt=()
for p in libkrb5-dev ripgrep chromium python3 make g++; do dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[install-code-server] apt: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Runs a noisy build step quietly; on failure shows the end of its output.
quiet() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    echo "[install-code-server] failed in $(pwd): $*" >&2
    tail -n 60 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

if [ -x "$CS_BIN" ] && [ -f "$TARGET/.complete-$CS_VERSION" ]; then
  echo "[install-code-server] code-server $CS_VERSION already in $TARGET"
  exit 0
fi

echo "[install-code-server] installing code-server $CS_VERSION into $TARGET"
mkdir -p "$TARGET" && cd "$TARGET"
[ -f package.json ] || echo '{"name":"cs-host","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@${CS_VERSION}"
CS="$TARGET/node_modules/code-server"
( cd "$TARGET/node_modules/argon2" && quiet ../.bin/node-pre-gyp rebuild --build-from-source --nodedir="$NODEDIR" )
cd "$CS/lib/vscode"
npm install --no-audit --no-fund --omit=dev --ignore-scripts --loglevel=error
for d in kerberos node-pty @vscode/spdlog native-watchdog @vscode/deviceid; do
  echo "[install-code-server] building $d"
  ( cd "node_modules/$d" && quiet node "$NODE_GYP" rebuild --nodedir="$NODEDIR" -j 2 )
done
test -d node_modules/@parcel/watcher-linux-x64-glibc
mkdir -p node_modules/@vscode/ripgrep/bin && cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
( cd bin/remote-cli && ln -sfn code-linux.sh code-server )
( cd bin/helpers && ln -sfn browser-linux.sh browser.sh )
( cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts --loglevel=error )
node -e 'for (const m of ["kerberos","node-pty","@vscode/spdlog","native-watchdog","@vscode/deviceid","@parcel/watcher"]) require(require.resolve(m,{paths:[process.cwd()+"/node_modules"]}))'
"$CS_BIN" --version
touch "$TARGET/.complete-$CS_VERSION"

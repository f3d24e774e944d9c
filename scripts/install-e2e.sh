#!/usr/bin/env bash
# Installs what the end-to-end tests need (test/e2e/README.md), offline except for the npm registry
# and Debian apt, following shared/e2e-recipe.md §1:
#   * Debian packages: node-gyp toolchain, libkrb5-dev (kerberos addon), ripgrep, chromium, a font;
#   * code-server 4.99.4 (= VS Code 1.99.3) into $RUNLENS_E2E_CS_DIR (default .e2e/cs, git-ignored).
# Idempotent: a finished install is verified (files + `code-server --version`) and skipped.
# Run as root on Debian 12 (CI does: `bash scripts/install-e2e.sh`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CS_VERSION=4.99.4
CS_DIR=${RUNLENS_E2E_CS_DIR:-$ROOT/.e2e/cs}
STAMP=$CS_DIR/.runlens-installed
# python3-structlog: the structlog fixture and logger golden tests (Debian's structlog 22 under /usr/bin/python3).
APT_PKGS=(build-essential python3 pkg-config libkrb5-dev ripgrep chromium fonts-dejavu-core procps python3-structlog)
export DEBIAN_FRONTEND=noninteractive

T0=$SECONDS
step_start=0
step() { step_start=$SECONDS; echo "[install-e2e] $*"; }
done_step() { echo "[install-e2e]   done in $((SECONDS - step_start)) s"; }

# ---- 1. Debian packages ---------------------------------------------------------------------------
missing=()
for p in "${APT_PKGS[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "[install-e2e] need root for apt-get (missing: ${missing[*]})" >&2; exit 1; fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}" >/dev/null
  done_step
else
  echo "[install-e2e] apt packages present"
fi
for c in rg /usr/bin/chromium setsid timeout pkill; do
  command -v "$c" >/dev/null || { echo "[install-e2e] missing command after apt: $c" >&2; exit 1; }
done

# ---- 2. code-server ----------------------------------------------------------------------------------
# node-gyp must find local Node headers, else it downloads them (fails offline).
nodedir=$(npm config get nodedir 2>/dev/null || true)
if [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ ! -f "$nodedir/include/node/node_api.h" ]; then
  nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
fi
if [ ! -f "$nodedir/include/node/node_api.h" ]; then
  echo "[install-e2e] no Node headers under $nodedir/include/node (needed to build native addons offline)" >&2
  exit 1
fi
export npm_config_nodedir=$nodedir
NODE_ABI=$(node -p 'process.versions.modules')
WANT_STAMP="code-server=$CS_VERSION node-abi=$NODE_ABI rg=$(readlink -f "$(command -v rg)")"
VS=$CS_DIR/node_modules/code-server/lib/vscode

verify() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT_STAMP" ] || return 1
  [ -x "$CS_DIR/node_modules/.bin/code-server" ] || return 1
  local f
  for f in "$CS_DIR/node_modules/argon2/lib/binding/napi-v3/argon2.node" \
           "$VS/node_modules/kerberos/build/Release/kerberos.node" \
           "$VS/node_modules/node-pty/build/Release/pty.node" \
           "$VS/node_modules/@vscode/spdlog/build/Release/spdlog.node"; do
    [ -f "$f" ] || { echo "[install-e2e]   missing $f"; return 1; }
  done
  "$VS/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null 2>&1 || return 1
  [ -d "$VS/extensions/node_modules/typescript" ] || return 1
  # `code-server --version` writes ~/.config/code-server otherwise: keep it in a temp dir.
  local tmp; tmp=$(mktemp -d)
  local out
  out=$(XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_CACHE_HOME=$tmp timeout 60 \
        "$CS_DIR/node_modules/.bin/code-server" --version 2>&1) || { rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
  # (its first line may be "info  Wrote default config file to …")
  if printf '%s\n' "$out" | grep -q "^$CS_VERSION "; then return 0; fi
  echo "[install-e2e]   unexpected --version output: $out"
  return 1
}

mkdir -p "$(dirname "$CS_DIR")"
exec 9>"$(dirname "$CS_DIR")/.install.lock"
flock -w 1200 9 || { echo "[install-e2e] another install holds the lock" >&2; exit 1; }

step "verify code-server $CS_VERSION in $CS_DIR"
if verify; then
  done_step
  echo "[install-e2e] code-server $CS_VERSION ready (verified, skipped install); total $((SECONDS - T0)) s"
  exit 0
fi
done_step
echo "[install-e2e] not installed (or incomplete): installing from scratch"

# npm >= 11.x may refuse lifecycle scripts not covered by allowScripts; the two rebuilds below are deliberate.
allow=()
if npm rebuild --help 2>/dev/null | grep -q -- '--dangerously-allow-all-scripts'; then allow=(--dangerously-allow-all-scripts); fi
npmq=(--no-audit --no-fund --loglevel=error)

rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
cd "$CS_DIR"
echo "{\"private\":true,\"dependencies\":{\"code-server\":\"$CS_VERSION\"}}" > package.json

step "npm install code-server@$CS_VERSION --ignore-scripts"
npm install --ignore-scripts "${npmq[@]}"
done_step

step "build argon2 from source"
npm_config_build_from_source=argon2 npm rebuild argon2 "${allow[@]}" "${npmq[@]}"
done_step

cd "$VS"
step "lib/vscode: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts "${npmq[@]}"
done_step

# @vscode/ripgrep's postinstall downloads rg from GitHub; it skips when bin/ exists: use Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

step "lib/vscode: native rebuild (kerberos from source; ~1-2 min on 2 cores)"
npm_config_build_from_source=kerberos npm_config_yes=true npm rebuild "${allow[@]}" "${npmq[@]}"
done_step

ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

step "built-in extensions: npm install + postinstall"
(cd extensions && npm install --omit=dev --ignore-scripts "${npmq[@]}" && node postinstall.mjs >/dev/null)
done_step

cd "$ROOT"
echo "$WANT_STAMP" > "$STAMP"
step "verify"
if ! verify; then echo "[install-e2e] verification failed after install" >&2; exit 1; fi
done_step
echo "[install-e2e] code-server $CS_VERSION installed in $CS_DIR; total $((SECONDS - T0)) s"

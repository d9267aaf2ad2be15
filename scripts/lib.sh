# Shared by start.sh and test.sh: install what VLog needs on a fresh Debian/Ubuntu machine.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; exit 1; fi
}

apt_updated=0
apt_install() {
  # apt_install BINARY PACKAGE...: installs the PACKAGEs from Debian when BINARY is missing.
  command -v "$1" >/dev/null 2>&1 && return 0
  local binary="$1"
  shift
  echo "==> installing $* (missing $binary)"
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

node_deps() {
  # package.json engines: node >=20.19 (the dev tooling, vite 7 and eslint, needs 20.19).
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "Node 20.19 or newer is required (found $(node -v))" >&2; exit 1
  fi
  # Reinstall only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # The lockfile lists every platform's optional packages, so `npm ci` installs exactly it.
    echo "==> npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build() {
  echo "==> build"
  npm run --silent build
}

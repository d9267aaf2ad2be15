# Shared by start.sh and test.sh: install what VLog needs on a fresh Debian/Ubuntu machine.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; exit 1; fi
}

apt_updated=0
apt_install() {
  # apt_install BINARY PACKAGE: installs PACKAGE from Debian when BINARY is missing.
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "==> installing $2 (missing $1)"
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

node_deps() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then echo "Node 20 or newer is required (found $(node -v))" >&2; exit 1; fi
  # Reinstall only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # `npm install` (not `npm ci`) honours the lockfile's versions and also copes with npm setups
    # whose lockfiles leave out other platforms' optional packages (omit-lockfile-registry-resolved).
    echo "==> npm install"
    npm install --no-audit --no-fund --loglevel=error
  fi
}

build() {
  echo "==> build"
  npm run --silent build
}

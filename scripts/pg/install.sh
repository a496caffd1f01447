#!/usr/bin/env bash
# Makes Debian's PostgreSQL server binaries available (initdb, pg_ctl, postgres) and prints
# their directory. Quick and silent when they are already installed; otherwise installs the
# `postgresql` package with apt-get (as root, or through sudo). Used by scripts/pg/up.sh.
# The package's own "main" cluster, if the install creates one, is dropped again: the tests
# run their own throw-away cluster (up.sh), never a system-wide one.
set -euo pipefail

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

if bin="$(find_bin)"; then
  echo "$bin"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install.sh: no PostgreSQL server binaries under /usr/lib/postgresql and no apt-get; install PostgreSQL yourself" >&2
  exit 1
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "install.sh: installing Debian's postgresql (server binaries for the real-backend tests)" >&2
export DEBIAN_FRONTEND=noninteractive
had_clusters="$(ls /etc/postgresql 2>/dev/null || true)"
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# Debian creates and starts a cluster "main" on install; drop it unless one existed before.
if [[ -z "$had_clusters" ]] && command -v pg_lsclusters >/dev/null; then
  while read -r version name _; do
    [[ "$name" == main ]] && $SUDO pg_dropcluster --stop "$version" main >&2 || true
  done < <(pg_lsclusters --no-header 2>/dev/null || true)
fi
find_bin || { echo "install.sh: postgresql installed, but no server binaries found" >&2; exit 1; }

#!/usr/bin/env bash
# Installs Debian's LXD daemon and client (docs/real-backends.md §3) when either is missing.
# Idempotent and quick when present: two `command -v` checks and nothing else.
set -euo pipefail

command -v lxd >/dev/null && command -v lxc >/dev/null && exit 0

echo "ensure.sh: installing Debian's lxd and lxd-client" >&2
if ! command -v apt-get >/dev/null; then
  echo "ensure.sh: no apt-get here; install LXD (lxd and lxc on PATH) yourself" >&2
  exit 1
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; an up-to-date one needs no update.
APT_INSTALL=($SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 lxd lxd-client)
if ! "${APT_INSTALL[@]}" >/dev/null; then
  $SUDO apt-get update -qq -o DPkg::Lock::Timeout=600
  "${APT_INSTALL[@]}" >/dev/null
fi
command -v lxd >/dev/null && command -v lxc >/dev/null || {
  echo "ensure.sh: lxd/lxc still not on PATH after installing lxd and lxd-client" >&2
  exit 1
}

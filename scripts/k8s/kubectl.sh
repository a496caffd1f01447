#!/usr/bin/env bash
# Ensures Debian's kubectl 1.20.2 (package kubernetes-client) is unpacked in the cache, without
# installing it over /usr/bin/kubectl (real-backends.md "Clients"), and prints its path. The
# kubeconfig compatibility tests run it beside tokentui and compare what both sent.
set -euo pipefail

CACHE="${TOKENTUI_K8S_CACHE:-$HOME/.cache/tokentui/k8s-v1.20.2}"
DEST="$CACHE/kubectl"
KUBECTL="$DEST/usr/bin/kubectl"
if [[ -x "$KUBECTL" ]]; then
  echo "$KUBECTL"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download -qq kubernetes-client >/dev/null 2>&1; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  apt-get download -qq kubernetes-client >/dev/null
fi
mkdir -p "$DEST"
dpkg-deb -x kubernetes-client_*.deb "$DEST"
"$KUBECTL" version --client --short >/dev/null
echo "$KUBECTL"

#!/usr/bin/env bash
# The command-line tools the tests run besides Node (they compare our hashes and join commands
# with what curl, openssl and sha256sum do, and load the completion scripts into zsh and fish:
# test/real/completion-shells.test.ts), installed from Debian's packages when a
# fresh machine lacks them. `npm test` calls this first: scripts/k8s/build.sh installs the
# real-backend suite's own packages later, after the fast suite has already run.
set -euo pipefail

missing=()
for tool in curl openssl sha256sum hostname zsh fish; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

declare -A package_of=([curl]=curl [openssl]=openssl [sha256sum]=coreutils [hostname]=hostname [zsh]=zsh [fish]=fish)
packages=()
for tool in "${missing[@]}"; do packages+=("${package_of[$tool]}"); done
echo "ensure-test-tools.sh: installing ${packages[*]} (missing: ${missing[*]})"
if ! command -v apt-get >/dev/null; then
  echo "ensure-test-tools.sh: no apt-get here; install ${missing[*]} yourself" >&2
  exit 1
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends ca-certificates "${packages[@]}" >/dev/null

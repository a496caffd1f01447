#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and kubeadm 1.20.2 from Debian's
# `kubernetes` source package and caches the binaries outside
# the checkout, so later runs on the same machine start in seconds.
set -euo pipefail

CACHE="${TOKENTUI_K8S_CACHE:-$HOME/.cache/tokentui/k8s-v1.20.2}"
BIN="$CACHE/bin"
if [[ -x "$BIN/kube-apiserver" && -x "$BIN/kube-controller-manager" && -x "$BIN/kubeadm" ]] \
   && command -v etcd >/dev/null && command -v openssl >/dev/null && command -v tmux >/dev/null; then
  echo "k8s binaries cached in $BIN"
  exit 0
fi

SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends golang-go rsync dpkg-dev \
  golang-github-modern-go-reflect2-dev etcd-server openssl ca-certificates tmux curl >/dev/null

if [[ -x "$BIN/kube-apiserver" && -x "$BIN/kube-controller-manager" && -x "$BIN/kubeadm" ]]; then
  echo "k8s binaries cached in $BIN"; exit 0
fi

WORK="$CACHE/work"
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/sources" "$BIN"
# A deb-src twin of the machine's own Debian source definition (never a hard-coded host):
# deb822 (Debian 12 images) or the one-line format (debootstrap'd systems, older images).
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$WORK/apt/sources/debian-src.sources"
elif grep -qs '^deb ' /etc/apt/sources.list; then
  sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$WORK/apt/sources/debian-src.list"
else
  echo "build.sh: no Debian apt source found (/etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list)" >&2
  exit 1
fi
APT_OPTS=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$WORK/apt/sources"
          -o "Dir::State::Lists=$WORK/apt/lists")
apt-get "${APT_OPTS[@]}" update -qq
cd "$WORK"
if ! ls -d kubernetes-*/ >/dev/null 2>&1; then
  apt-get "${APT_OPTS[@]}" source -qq kubernetes
fi
SRC=$(ls -d "$WORK"/kubernetes-*/ | head -1)
cd "$SRC"
# reflect2 1.0.1 crashes under Go >= 1.18 on the first Secret POST: use Debian's 1.0.2.
R2=vendor/github.com/modern-go/reflect2
find "$R2" -maxdepth 1 \( -name '*.go' -o -name '*.s' \) -delete
cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go "$R2"/
cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "$R2"/ 2>/dev/null || true
find "$R2" -name '*_test.go' -delete

mkdir -p "$CACHE/gocache" "$CACHE/home"
env -u GOFLAGS HOME="$CACHE/home" GOCACHE="$CACHE/gocache" GOPROXY=off CGO_ENABLED=0 \
  KUBE_GIT_VERSION=v1.20.2 KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20 KUBE_GIT_TREE_STATE=archive \
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kubeadm"
OUT=$(find "$SRC/_output" -type d -name bin | head -1)
cp "$OUT/kube-apiserver" "$OUT/kube-controller-manager" "$OUT/kubeadm" "$BIN/"
echo "k8s binaries built into $BIN"

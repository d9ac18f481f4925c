#!/usr/bin/env bash
# Build a real kube-apiserver v1.20.2 from Debian's `kubernetes` source package
# (bookworm: 1.20.5+really1.20.2, whose orig tarball is a `git archive` of the
# v1.20.2 tag with vendor/), with Go 1.19 and Debian's reflect2/json-iterator
# swapped into vendor/ (the vendored reflect2 1.0.1 crashes under Go >= 1.18).
#
# Idempotent: when ~/.cache/pike-e2e/kube-apiserver-v1.20.2 exists it only
# checks prerequisites and prints that path.
#
# Env:
#   PIKE_E2E_CACHE   cache dir (default ~/.cache/pike-e2e)
#   KUBE_VERSION     version stamp (default v1.20.2)
#   FORCE_REBUILD=1  rebuild even if the cached binary exists
set -euo pipefail

CACHE="${PIKE_E2E_CACHE:-$HOME/.cache/pike-e2e}"
KUBE_VERSION="${KUBE_VERSION:-v1.20.2}"
BIN="$CACHE/kube-apiserver-$KUBE_VERSION"
SRC_LIST=/etc/apt/sources.list.d/pike-e2e-deb-src.sources
GO_BIN=/usr/lib/go-1.19/bin

log() { printf '[build-apiserver] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

have_bin_pkgs() {
  [ -x "$GO_BIN/go" ] && command -v etcd >/dev/null 2>&1 && command -v rsync >/dev/null 2>&1 \
    && command -v make >/dev/null 2>&1 && command -v dpkg-source >/dev/null 2>&1 \
    && [ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ] \
    && [ -d /usr/share/gocode/src/github.com/json-iterator/go ]
}

# ---------------------------------------------------------------------------
# 0. Fast path: cached binary present.
# ---------------------------------------------------------------------------
if [ -x "$BIN" ] && [ "${FORCE_REBUILD:-0}" != 1 ]; then
  if ! command -v etcd >/dev/null 2>&1; then
    log "etcd missing, installing etcd-server"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq etcd-server >/dev/null
  fi
  command -v etcd >/dev/null || { log "etcd not found after install"; exit 1; }
  log "cached: $BIN ($("$BIN" --version))"
  log "etcd: $(command -v etcd)"
  echo "$BIN"
  exit 0
fi

# ---------------------------------------------------------------------------
# 1. deb-src entries derived from the configured Debian sources.
# ---------------------------------------------------------------------------
derive_deb_src() {
  # Emits deb822 stanzas "Types: deb-src" for every enabled `deb` source
  # found in sources.list (one-line format) and *.list / *.sources files.
  # Only files with the standard names are read (renamed/disabled files are
  # ignored by apt too). Our own output file is skipped.
  local f
  {
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      # one-line format: deb [opts] URI suite comp...
      awk '
        /^[[:space:]]*#/ {next}
        $1=="deb" {
          opts=""; i=2
          if ($2 ~ /^\[/) {
            while (i<=NF) { opts=opts" "$i; if ($i ~ /\]$/) {i++; break}; i++ }
          }
          uri=$i; suite=$(i+1); comps=""
          for (j=i+2;j<=NF;j++) comps=comps" "$j
          sub(/^ /,"",comps)
          signed=""
          if (match(opts, /signed-by=[^] ]+/)) signed=substr(opts, RSTART+10, RLENGTH-10)
          print "LINE\t" uri "\t" suite "\t" comps "\t" signed
        }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      [ "$f" = "$SRC_LIST" ] && continue
      awk '
        function flush() {
          if (types ~ /(^|[[:space:]])deb([[:space:]]|$)/ && enabled != "no" && uris != "")
            print "STANZA\t" uris "\t" suites "\t" comps "\t" signed
          types=""; uris=""; suites=""; comps=""; signed=""; enabled=""
        }
        /^[[:space:]]*#/ {next}
        /^[[:space:]]*$/ {flush(); next}
        {
          key=$1; sub(/:$/,"",key); val=$0; sub(/^[^:]*:[[:space:]]*/,"",val)
          k=tolower(key)
          if (k=="types") types=val
          else if (k=="uris") uris=val
          else if (k=="suites") suites=val
          else if (k=="components") comps=val
          else if (k=="signed-by") signed=val
          else if (k=="enabled") enabled=tolower(val)
        }
        END {flush()}' "$f"
    done
  } | while IFS=$'\t' read -r _kind uris suites comps signed; do
    # keep only Debian archives (anything whose suites look like Debian's);
    # third-party repos rarely publish deb-src and would make update fail.
    local s keep=""
    for s in $suites; do
      case "$s" in
        bookworm|bookworm-*|trixie|trixie-*|bullseye|bullseye-*|sid|unstable|stable|stable-*|testing|testing-*|oldstable|oldstable-*)
          keep="$keep $s" ;;
      esac
    done
    [ -n "$keep" ] || continue
    suites="${keep# }"
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n' "$uris" "$suites" "$comps"
    [ -n "$signed" ] && printf 'Signed-By: %s\n' "$signed"
    printf '\n'
  done
}

have_deb_src() {
  # Is there already a deb-src entry (anywhere) for a suite that provides
  # the kubernetes source package?
  apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes'
}

# ---------------------------------------------------------------------------
log "apt-get update"
$SUDO apt-get update -qq

if ! have_deb_src; then
  tmp=$(mktemp)
  derive_deb_src > "$tmp"
  if [ ! -s "$tmp" ]; then
    log "could not derive any deb-src entry from /etc/apt sources"; rm -f "$tmp"; exit 1
  fi
  log "writing $SRC_LIST:"
  sed 's/^/    /' "$tmp" >&2
  $SUDO install -m 0644 "$tmp" "$SRC_LIST"
  rm -f "$tmp"
  $SUDO apt-get update -qq
fi
have_deb_src || { log "apt-cache showsrc kubernetes finds nothing"; exit 1; }

# ---------------------------------------------------------------------------
# 2. Binary packages.
# ---------------------------------------------------------------------------
if ! have_bin_pkgs; then
  log "apt-get install toolchain + etcd + Debian's reflect2/json-iterator sources"
  $SUDO apt-get install -y -qq --no-install-recommends \
    golang-1.19 rsync make etcd-server dpkg-dev \
    golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev >/dev/null
fi
command -v etcd >/dev/null || { log "etcd missing"; exit 1; }
"$GO_BIN/go" version >&2

# ---------------------------------------------------------------------------
# 3. Source package -> orig tarball -> tree.
# ---------------------------------------------------------------------------
SRCDIR="$CACHE/src"
mkdir -p "$SRCDIR"
cd "$SRCDIR"
if ! compgen -G 'kubernetes_*.orig.tar.*' >/dev/null; then
  log "apt-get source --download-only kubernetes (into $SRCDIR)"
  # the cache usually lives under /root, which the _apt sandbox user cannot write
  apt-get source --download-only -qq -o APT::Sandbox::User=root kubernetes
fi
ORIG=""
for f in kubernetes_*.orig.tar.*; do
  case "$f" in *.asc) ;; *) [ -f "$f" ] && { ORIG="$f"; break; } ;; esac
done
[ -n "$ORIG" ] || { log "no orig tarball in $SRCDIR"; exit 1; }
log "orig tarball: $ORIG"

TREE="$SRCDIR/tree"
if [ ! -f "$TREE/.pike-unpacked" ]; then
  rm -rf "$TREE" "$TREE.tmp"
  mkdir -p "$TREE.tmp"
  log "unpacking $ORIG"
  tar -xf "$ORIG" -C "$TREE.tmp"
  # orig tarballs usually contain one top-level directory
  top=$(find "$TREE.tmp" -mindepth 1 -maxdepth 1)
  if [ "$(printf '%s\n' "$top" | wc -l)" -eq 1 ] && [ -d "$top" ]; then
    mv "$top" "$TREE"; rmdir "$TREE.tmp"
  else
    mv "$TREE.tmp" "$TREE"
  fi
  touch "$TREE/.pike-unpacked"
fi
cd "$TREE"
[ -d vendor ] || { log "no vendor/ in $TREE"; exit 1; }

# ---------------------------------------------------------------------------
# 4. Replace vendored reflect2 / json-iterator with Debian's (Go 1.18+ safe).
# ---------------------------------------------------------------------------
replace_vendored() {
  local mod="$1" src="/usr/share/gocode/src/$1"
  [ -d "$src" ] || { log "missing $src"; exit 1; }
  log "vendor/$mod <- $src"
  rm -rf "vendor/$mod"
  mkdir -p "vendor/$mod"
  # top-level package only: no tests, sub-packages, go.mod/go.sum
  rsync -a --exclude '*_test.go' --exclude '.*' --exclude 'go.mod' --exclude 'go.sum' \
    --exclude '*/' "$src/" "vendor/$mod/"
}
if [ ! -f .pike-vendor-patched ]; then
  replace_vendored github.com/modern-go/reflect2
  replace_vendored github.com/json-iterator/go
  touch .pike-vendor-patched
fi

# ---------------------------------------------------------------------------
# 5. Build (make WHAT=cmd/kube-apiserver), ~4-5 min on 2 cores from scratch.
# ---------------------------------------------------------------------------
export PATH="$GO_BIN:$PATH"
export GOFLAGS="${GOFLAGS:--mod=vendor}"
export GO111MODULE=on
# the orig tarball is a `git archive` export without .git: stamp the version
# explicitly so hack/lib/version.sh never needs git.
export KUBE_GIT_VERSION="$KUBE_VERSION"
export KUBE_GIT_TREE_STATE=clean
export KUBE_GIT_COMMIT="${KUBE_GIT_COMMIT:-faecb196815e248d3ecfb03c680a4507229c2a56}"
export KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20
log "make WHAT=cmd/kube-apiserver ($(go version))"
start=$(date +%s)
make WHAT=cmd/kube-apiserver KUBE_VERBOSE="${KUBE_VERBOSE:-1}" >&2
log "build took $(( $(date +%s) - start ))s"

out="$TREE/_output/local/bin/$(go env GOOS)/$(go env GOARCH)/kube-apiserver"
[ -x "$out" ] || out="$TREE/_output/bin/kube-apiserver"
[ -x "$out" ] || { log "kube-apiserver binary not found under _output"; exit 1; }
install -m 0755 "$out" "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
log "$("$BIN" --version)"
log "etcd: $(command -v etcd)"
echo "$BIN"

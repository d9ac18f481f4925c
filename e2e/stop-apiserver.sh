#!/usr/bin/env bash
# Stop the kube-apiserver and etcd started by e2e/start-apiserver.sh DIR.
# Only the pids recorded in DIR are signalled. DIR itself is kept (remove it
# yourself for a clean slate).
set -uo pipefail
DIR="${1:?usage: $0 DIR}"
[ -d "$DIR" ] || exit 0
for name in kube-apiserver etcd; do
  f="$DIR/$name.pid"
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; fi
    echo "[stop-apiserver] stopped $name ($pid)" >&2
  fi
  rm -f "$f"
done

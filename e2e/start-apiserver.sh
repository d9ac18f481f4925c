#!/usr/bin/env bash
# Start a throw-away etcd + kube-apiserver v1.20.2 on 127.0.0.1.
#
#   e2e/start-apiserver.sh DIR
#
# DIR receives: etcd data, generated certs/keys, tokens.csv, kubeconfig,
# *.pid, *.log, env (ports, paths). No kube-controller-manager / scheduler:
# service account tokens are minted with e2e/sa-token.sh (TokenRequest API).
#
# Env:
#   KUBE_APISERVER   binary (default ~/.cache/pike-e2e/kube-apiserver-v1.20.2,
#                    built by e2e/build-apiserver.sh when missing)
#   READY_TIMEOUT    seconds to wait for /readyz (default 120)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${1:?usage: $0 DIR}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
CACHE="${PIKE_E2E_CACHE:-$HOME/.cache/pike-e2e}"
APISERVER="${KUBE_APISERVER:-$CACHE/kube-apiserver-v1.20.2}"

log() { printf '[start-apiserver] %s\n' "$*" >&2; }

alive() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }

if alive kube-apiserver && alive etcd; then
  log "already running (pids $(cat "$DIR/etcd.pid") $(cat "$DIR/kube-apiserver.pid")); kubeconfig: $DIR/kubeconfig"
  echo "$DIR/kubeconfig"
  exit 0
fi
# half-started leftovers: stop them first
"$HERE/stop-apiserver.sh" "$DIR" >/dev/null 2>&1 || true

if [ ! -x "$APISERVER" ]; then
  log "$APISERVER missing: running e2e/build-apiserver.sh (~10 min)"
  APISERVER="$("$HERE/build-apiserver.sh" | tail -n1)"
fi
ETCD="${ETCD:-$(command -v etcd || true)}"
[ -n "$ETCD" ] || { log "etcd not found (apt-get install etcd-server, or run e2e/build-apiserver.sh)"; exit 1; }
command -v openssl >/dev/null || { log "openssl not found"; exit 1; }

# ---------------------------------------------------------------- free ports
port_free() {
  local p="$1"
  if command -v ss >/dev/null 2>&1; then
    [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 1; fi
    return 0
  fi
}
USED_PORTS=" "
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    case "$USED_PORTS" in *" $p "*) continue ;; esac
    if port_free "$p"; then USED_PORTS="$USED_PORTS$p "; echo "$p"; return 0; fi
  done
  log "no free port found"; return 1
}
# reuse the ports of a previous run of this DIR if still free (etcd keeps its
# peer URL in its data dir)
if [ -f "$DIR/env" ]; then
  # shellcheck disable=SC1091
  . "$DIR/env"
fi
for v in ETCD_CLIENT_PORT ETCD_PEER_PORT APISERVER_PORT; do
  p="${!v:-}"
  if [ -n "$p" ] && port_free "$p"; then USED_PORTS="$USED_PORTS$p "
  else printf -v "$v" '%s' "$(free_port)"; fi
done

# ---------------------------------------------------------------- certs/keys
PKI="$DIR/pki"
mkdir -p "$PKI"
if [ ! -f "$PKI/serving.crt" ]; then
  log "generating CA, serving cert and service-account key pair in $PKI"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -subj "/CN=pike-e2e-ca" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -sha256 \
    -keyout "$PKI/serving.key" -out "$PKI/serving.csr" -subj "/CN=kube-apiserver" 2>/dev/null
  cat > "$PKI/serving.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
EXT
  openssl x509 -req -in "$PKI/serving.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$PKI/serving.ext" -out "$PKI/serving.crt" 2>/dev/null
fi
if [ ! -f "$PKI/sa.key" ]; then
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
fi
chmod 600 "$PKI"/*.key
if [ ! -f "$DIR/tokens.csv" ]; then
  ADMIN_TOKEN="$(openssl rand -hex 24)"
  # token,user,uid,"group1,group2"
  echo "$ADMIN_TOKEN,pike-e2e-admin,pike-e2e-admin,\"system:masters\"" > "$DIR/tokens.csv"
  chmod 600 "$DIR/tokens.csv"
fi
ADMIN_TOKEN="$(cut -d, -f1 "$DIR/tokens.csv" | head -n1)"

cat > "$DIR/env" <<ENV
ETCD_CLIENT_PORT=$ETCD_CLIENT_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
APISERVER_PORT=$APISERVER_PORT
APISERVER_URL=https://127.0.0.1:$APISERVER_PORT
KUBECONFIG=$DIR/kubeconfig
ENV

# ---------------------------------------------------------------- kubeconfig
CA_DATA="$(base64 -w0 < "$PKI/ca.crt")"
cat > "$DIR/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: pike-e2e
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $CA_DATA
users:
- name: pike-e2e-admin
  user:
    token: $ADMIN_TOKEN
contexts:
- name: pike-e2e
  context:
    cluster: pike-e2e
    user: pike-e2e-admin
    namespace: default
current-context: pike-e2e
KC
chmod 600 "$DIR/kubeconfig"

# ---------------------------------------------------------------- etcd
log "etcd on 127.0.0.1:$ETCD_CLIENT_PORT (peer $ETCD_PEER_PORT), data $DIR/etcd"
nohup "$ETCD" \
  --name pike-e2e \
  --data-dir "$DIR/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "pike-e2e=http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster-state new \
  --quota-backend-bytes 1073741824 \
  >"$DIR/etcd.log" 2>&1 </dev/null &
echo $! > "$DIR/etcd.pid"

for i in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null | grep -q '"health":"true"'; then break; fi
  alive etcd || { log "etcd exited:"; tail -n 30 "$DIR/etcd.log" >&2; exit 1; }
  sleep 0.5
  [ "$i" = 60 ] && { log "etcd not healthy after 30s"; tail -n 30 "$DIR/etcd.log" >&2; exit 1; }
done

# ---------------------------------------------------------------- apiserver
log "kube-apiserver on https://127.0.0.1:$APISERVER_PORT ($("$APISERVER" --version))"
nohup "$APISERVER" \
  --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --bind-address 127.0.0.1 \
  --advertise-address 127.0.0.1 \
  --secure-port "$APISERVER_PORT" \
  --tls-cert-file "$PKI/serving.crt" \
  --tls-private-key-file "$PKI/serving.key" \
  --cert-dir "$PKI" \
  --authorization-mode RBAC \
  --token-auth-file "$DIR/tokens.csv" \
  --service-account-key-file "$PKI/sa.pub" \
  --service-account-signing-key-file "$PKI/sa.key" \
  --service-account-issuer https://kubernetes.default.svc \
  --api-audiences https://kubernetes.default.svc \
  --service-cluster-ip-range 10.96.0.0/12 \
  --endpoint-reconciler-type none \
  --allow-privileged=true \
  --profiling=false \
  --logtostderr=true \
  --v=1 \
  >"$DIR/kube-apiserver.log" 2>&1 </dev/null &
echo $! > "$DIR/kube-apiserver.pid"

deadline=$(( $(date +%s) + READY_TIMEOUT ))
until out="$(kubectl --kubeconfig "$DIR/kubeconfig" --request-timeout=5s get --raw /readyz 2>&1)" && [ "$out" = ok ]; do
  if ! alive kube-apiserver; then
    log "kube-apiserver exited:"; tail -n 40 "$DIR/kube-apiserver.log" >&2; exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "kube-apiserver not ready after ${READY_TIMEOUT}s: $out"; tail -n 40 "$DIR/kube-apiserver.log" >&2; exit 1
  fi
  sleep 1
done
log "ready: https://127.0.0.1:$APISERVER_PORT (pids etcd=$(cat "$DIR/etcd.pid") kube-apiserver=$(cat "$DIR/kube-apiserver.pid"))"
log "export KUBECONFIG=$DIR/kubeconfig"
echo "$DIR/kubeconfig"

#!/usr/bin/env bash
# Smoke test of the API server started by e2e/start-apiserver.sh DIR:
#  1. RBAC + TokenRequest: namespace + ServiceAccount, mint a token with
#     e2e/sa-token.sh, that token is denied what it was not granted (403),
#     then granted via a Role and allowed.
#  2. CRDs: apply crds/, apply the PikeCluster of examples/pikecluster.yaml,
#     an invalid PikeCluster (managementNetwork: not-a-cidr) is refused by
#     schema validation, `kubectl get pikeclusters` shows printer columns.
# Cleans up what it created (namespace pike-e2e-verify). Exit 0 = all passed.
#
#   e2e/verify-apiserver.sh DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
DIR="${1:?usage: $0 DIR}"
K=(kubectl --kubeconfig "$DIR/kubeconfig")
NS=pike-e2e-verify
SA=verify-sa
pass=0; fail=0
ok()  { echo "PASS: $*"; pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
server="$(grep -m1 'server:' "$DIR/kubeconfig" | awk '{print $2}')"
CA="$DIR/pki/ca.crt"

cleanup() {
  # No kube-controller-manager runs: no namespace controller (a deleted
  # namespace stays Terminating) and no garbage collector. Delete the objects
  # one by one, then drop the namespace's "kubernetes" finalizer by hand.
  "${K[@]}" get namespace "$NS" >/dev/null 2>&1 || return 0
  "${K[@]}" -n "$NS" delete pikeclusters --all >/dev/null 2>&1 || true
  "${K[@]}" -n "$NS" delete rolebinding,role,serviceaccount --all >/dev/null 2>&1 || true
  "${K[@]}" delete namespace "$NS" --wait=false >/dev/null 2>&1 || true
  printf '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"},"spec":{"finalizers":[]}}' "$NS" \
    | "${K[@]}" replace --raw "/api/v1/namespaces/$NS/finalize" -f - >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do "${K[@]}" get namespace "$NS" >/dev/null 2>&1 || return 0; sleep 0.5; done
  echo "note: namespace $NS still present"
}
cleanup   # leftovers of an interrupted run
trap cleanup EXIT

echo "== server version"
"${K[@]}" version -o yaml 2>/dev/null | sed -n '/serverVersion/,$p' | grep -E 'gitVersion|goVersion'

echo "== RBAC / TokenRequest"
"${K[@]}" create namespace "$NS" --dry-run=client -o yaml | "${K[@]}" apply -f - >/dev/null
"${K[@]}" -n "$NS" create serviceaccount "$SA" --dry-run=client -o yaml | "${K[@]}" apply -f - >/dev/null
TOKEN="$("$HERE/sa-token.sh" "$DIR" "$NS" "$SA" 10m)"
[ -n "$TOKEN" ] && ok "minted token (${#TOKEN} chars) for $NS/$SA" || bad "no token"
# who am I, as seen by the server (TokenReview path)
T=(kubectl --server "$server" --certificate-authority "$CA" --token "$TOKEN" --kubeconfig /dev/null)
ans="$("${T[@]}" -n "$NS" auth can-i list secrets 2>&1 || true)"
echo "can-i list secrets (before grant): $ans"
[ "$ans" = no ] && ok "RBAC denies list secrets" || bad "expected 'no', got '$ans'"
out="$("${T[@]}" -n "$NS" get secrets 2>&1 || true)"
echo "$out"
grep -q 'Forbidden' <<<"$out" && grep -q "system:serviceaccount:$NS:$SA" <<<"$out" \
  && ok "get secrets -> 403 Forbidden for system:serviceaccount:$NS:$SA" || bad "expected Forbidden"
"${K[@]}" -n "$NS" create role read-secrets --verb=get,list --resource=secrets --dry-run=client -o yaml | "${K[@]}" apply -f - >/dev/null
"${K[@]}" -n "$NS" create rolebinding read-secrets --role=read-secrets --serviceaccount="$NS:$SA" --dry-run=client -o yaml | "${K[@]}" apply -f - >/dev/null
ans=""
for _ in $(seq 1 20); do   # RBAC informer propagation
  ans="$("${T[@]}" -n "$NS" auth can-i list secrets 2>&1 || true)"; [ "$ans" = yes ] && break; sleep 0.5
done
echo "can-i list secrets (after RoleBinding): $ans"
[ "$ans" = yes ] && ok "RBAC allows after RoleBinding" || bad "expected 'yes', got '$ans'"
ans="$("${T[@]}" auth can-i list secrets -n kube-system 2>&1 || true)"
[ "$ans" = no ] && ok "still denied in kube-system" || bad "kube-system: expected 'no', got '$ans'"

echo "== CRDs"
"${K[@]}" apply -f "$REPO/crds/" && ok "CRDs applied" || bad "CRD apply"
for crd in $("${K[@]}" get crd -o name | grep pikeoperator.io); do
  "${K[@]}" wait --for=condition=Established --timeout=60s "$crd" >/dev/null
done
PC="$(awk 'BEGIN{RS="\n---[^\n]*\n"} /\nkind: PikeCluster\n|^kind: PikeCluster\n/ {print; exit}' "$REPO/examples/pikecluster.yaml")"
grep -q '^kind: PikeCluster' <<<"$PC" || { bad "no PikeCluster document in examples/pikecluster.yaml"; PC=""; }
if out="$("${K[@]}" -n "$NS" apply -f - <<<"$PC" 2>&1)"; then ok "valid PikeCluster: $out"; else bad "valid PikeCluster refused: $out"; fi
BADPC="$(sed -e 's/^  name: pike$/  name: pike-invalid/' -e 's#^  managementNetwork: .*#  managementNetwork: not-a-cidr#' <<<"$PC")"
if out="$("${K[@]}" -n "$NS" apply -f - <<<"$BADPC" 2>&1)"; then
  bad "invalid PikeCluster accepted: $out"
else
  echo "$out"
  grep -q 'spec.managementNetwork' <<<"$out" && ok "invalid PikeCluster refused by schema validation" || bad "refused, but not for managementNetwork: $out"
fi
out="$("${K[@]}" -n "$NS" get pikeclusters 2>&1)"; echo "$out"
head -n1 <<<"$out" | grep -qE 'NAME +PHASE +READY +COMPUTES +KEYSTONE +AGE' && ok "printer columns" || bad "printer columns missing"
out="$("${K[@]}" -n "$NS" get pikeclusters pike -o jsonpath='{.spec.managementNetwork}' 2>&1 || true)"
[ "$out" = 10.0.0.0/24 ] && ok "round trip spec.managementNetwork=$out" || bad "round trip: $out"
# note: the CRD's shortName "pc" is shadowed by the built-in PriorityClass
# (scheduling.k8s.io, shortName pc): `kubectl get pc` lists priorityclasses.

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

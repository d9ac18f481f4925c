#!/usr/bin/env bash
# Mint a token for an existing ServiceAccount through the TokenRequest API
# (POST .../serviceaccounts/SA/token) of the API server started by
# e2e/start-apiserver.sh DIR, and print it on stdout.
#
#   e2e/sa-token.sh DIR NAMESPACE SERVICEACCOUNT [DURATION]
#
# DURATION defaults to 1h (kubectl duration syntax, e.g. 10m, 24h).
# No kube-controller-manager runs, so Secrets of type
# kubernetes.io/service-account-token are never filled in: use this instead.
set -euo pipefail
DIR="${1:?usage: $0 DIR NAMESPACE SERVICEACCOUNT [DURATION]}"
NS="${2:?namespace missing}"
SA="${3:?serviceaccount missing}"
DURATION="${4:-1h}"
exec kubectl --kubeconfig "$DIR/kubeconfig" -n "$NS" create token "$SA" \
  --audience https://kubernetes.default.svc --duration "$DURATION"

#!/usr/bin/env bash
# For users with Docker: a kind cluster, the operator installed with Helm, the example applied.
# (It cannot run on the project's CI machine: no Docker there. The e2e suite, e2e/run.sh, uses a real
# kube-apiserver instead.)
#
#   bash e2e/kind.sh [IMAGE]      IMAGE defaults to pike-operator:dev, built from the repository's Dockerfile
#
# Then point examples/pikecluster.yaml at your hosts (spec.ssh of each node, the SSH Secret) and watch:
#   kubectl get openstack -A -w
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${1:-pike-operator:dev}
CLUSTER=${KIND_CLUSTER:-pike}
command -v kind >/dev/null && command -v docker >/dev/null && command -v helm >/dev/null \
  || { echo "needs kind, docker and helm" >&2; exit 2; }

./mvnw -q package -DskipTests
docker build -t "$IMAGE" .
kind get clusters | grep -qx "$CLUSTER" || kind create cluster --name "$CLUSTER"
kind load docker-image "$IMAGE" --name "$CLUSTER"
helm upgrade --install pike-operator helm/pike-operator -n pike-operator --create-namespace \
  --set image.repository="${IMAGE%:*}" --set image.tag="${IMAGE##*:}" --set image.pullPolicy=Never --wait
kubectl -n pike-operator rollout status deploy/pike-operator
kubectl create namespace openstack --dry-run=client -o yaml | kubectl apply -f -
echo "Operator running. Edit examples/pikecluster.yaml for your hosts, then:"
echo "  kubectl -n openstack apply -f examples/pikecluster.yaml && kubectl -n openstack get openstack -w"

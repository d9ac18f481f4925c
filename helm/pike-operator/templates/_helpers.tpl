{{- define "pike-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "pike-operator.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "pike-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "pike-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pike-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The rules the operator needs where it watches: its three kinds, Secrets, Events. */}}
{{- define "pike-operator.watchRules" -}}
- apiGroups: ["pikeoperator.io"]
  resources: ["pikeclusters", "controllernodes", "computenodes"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["pikeoperator.io"]
  resources: ["pikeclusters/status", "controllernodes/status", "computenodes/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["pikeoperator.io"]
  resources: ["pikeclusters/finalizers", "controllernodes/finalizers", "computenodes/finalizers"]
  verbs: ["update"]
# SSH keys, known_hosts and passwords are read; the passwords Secret is created or completed (generated keys).
# Only Secrets labelled app.kubernetes.io/part-of=pike-operator are listed and watched (a label selector: RBAC cannot
# narrow list/watch by label, the operator's informer does); get finds a named Secret that lacks the label.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update"]
# A repeated Event is one object whose count is patched; get finds one written before a restart.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "patch"]
{{- end -}}

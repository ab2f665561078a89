{{/* Names and labels shared by every template. Service-specific data is in _generated.tpl. */}}

{{- define "ack.name" -}}
{{- default (include "ack.defaultName" .) .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ack.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "ack.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "ack.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ack.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ack.labels" -}}
{{ include "ack.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ack-ts
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "ack.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ack.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Comma-separated namespaces the controller watches; empty means all (installScope cluster). */}}
{{- define "ack.watchNamespaces" -}}
{{- if eq .Values.installScope "namespace" -}}
{{- default .Release.Namespace .Values.watchNamespace | nospace -}}
{{- end -}}
{{- end -}}

{{- define "ack.leaderElectionNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.namespace -}}
{{- end -}}

{{- define "ack.featureGates" -}}
{{- $gates := list -}}
{{- range $name, $on := .Values.featureGates -}}
{{- $gates = append $gates (printf "%s=%t" $name $on) -}}
{{- end -}}
{{- join "," $gates -}}
{{- end -}}

{{/* The subject every binding grants to. */}}
{{- define "ack.subject" -}}
- kind: ServiceAccount
  name: {{ include "ack.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end -}}

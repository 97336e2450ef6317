{{/* Names and labels shared by every object of the chart. */}}
{{- define "hopscope.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hopscope.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "hopscope.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "hopscope.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "hopscope.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hopscope.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "hopscope.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "hopscope.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "hopscope.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "hopscope.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "hopscope.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Whether a vantage point is enabled in trace.from. */}}
{{- define "hopscope.traceFrom" -}}
{{- if has .vantage .root.Values.trace.from -}}true{{- end -}}
{{- end -}}

{{/* The settings that cannot work together, refused at install rather than at start. */}}
{{- define "hopscope.validate" -}}
{{- if eq .Values.auth.mode "local" -}}
{{- fail "auth.mode=local serves loopback only (scripts/serve.mjs refuses 0.0.0.0): use token or proxy in a cluster" -}}
{{- end -}}
{{- if and (eq .Values.auth.mode "proxy") (empty .Values.auth.proxy.trustedProxies) -}}
{{- fail "auth.mode=proxy needs auth.proxy.trustedProxies (HOPSCOPE_TRUSTED_PROXIES): the proxy's addresses or CIDRs" -}}
{{- end -}}
{{- if and (eq .Values.storage.type "postgres") (not .Values.storage.postgres.existingSecret) -}}
{{- fail "storage.type=postgres needs storage.postgres.existingSecret (a Secret holding the postgres:// URL)" -}}
{{- end -}}
{{- if and (gt (int .Values.replicaCount) 1) (ne .Values.storage.type "postgres") -}}
{{- fail "replicaCount > 1 needs storage.type=postgres: each replica would keep its own SQLite file, and a share made on one would be missing on the others" -}}
{{- end -}}
{{- if and (has "blackbox" .Values.trace.from) (not (and .Values.trace.blackbox.namespace .Values.trace.blackbox.service)) -}}
{{- fail "trace.from blackbox needs trace.blackbox.namespace and trace.blackbox.service" -}}
{{- end -}}
{{- end -}}

// The identity the app runs as in the scenario and browser suites: a ServiceAccount bound to
// exactly the roles Hopscope ships (lib/sources/kube/rbac/hopscope-reader.yaml), with a token from
// the real API server's TokenRequest. A diagnosis that reads anything those roles do not grant
// gets a forbidden SourceIssue, and the scenario runner fails on it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { kubectl } from './kubectl';
import { clusterDir, repoRoot, testEnv } from './test-env';

export const READER_ROLES_FILE = path.join(repoRoot, 'lib/sources/kube/rbac/hopscope-reader.yaml');
const NAMESPACE = 'hopscope';
const ACCOUNT = 'hopscope-reader';

const BINDINGS = `
apiVersion: v1
kind: Namespace
metadata: { name: ${NAMESPACE} }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ${ACCOUNT}, namespace: ${NAMESPACE} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: hopscope-reader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hopscope-reader }
subjects: [{ kind: ServiceAccount, name: ${ACCOUNT}, namespace: ${NAMESPACE} }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: hopscope-reader-logs }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hopscope-reader-logs }
subjects: [{ kind: ServiceAccount, name: ${ACCOUNT}, namespace: ${NAMESPACE} }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: hopscope-reader-tls-secrets }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hopscope-reader-tls-secrets }
subjects: [{ kind: ServiceAccount, name: ${ACCOUNT}, namespace: ${NAMESPACE} }]
`;

/**
 * Writes a kubeconfig whose `hopscope-test` context is the reader ServiceAccount (the other
 * contexts as they are) and returns its path.
 */
export async function readerKubeconfig(): Promise<string> {
  await kubectl(
    ['apply', '-f', '-'],
    readFileSync(READER_ROLES_FILE, 'utf8') + '\n---\n' + BINDINGS,
  );
  const token = (
    await kubectl(['create', 'token', ACCOUNT, '-n', NAMESPACE, '--duration=6h'])
  ).trim();
  const admin = new KubeConfig();
  admin.loadFromFile(testEnv.kubeconfig);
  const server = admin.getContextObject('hopscope-test')!;
  const reader = new KubeConfig();
  reader.loadFromOptions({
    clusters: admin.clusters,
    users: [...admin.users, { name: ACCOUNT, token }],
    contexts: admin.contexts.map((c) =>
      c.name === 'hopscope-test' ? { ...c, cluster: server.cluster, user: ACCOUNT } : c,
    ),
    currentContext: 'hopscope-test',
  });
  const file = path.join(clusterDir, 'reader.kubeconfig');
  writeFileSync(file, reader.exportConfig(), { mode: 0o600 });
  return file;
}

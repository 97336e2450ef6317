// Where the test cluster lives: the paths cluster.sh writes, read the same way by every harness part.
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
// Outside the checkout, so a fresh clone on the same machine reuses the binaries built from Go.
export const cacheDir =
  process.env.HOPSCOPE_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'hopscope');
export const clusterDir = process.env.HOPSCOPE_CLUSTER_DIR ?? path.join(cacheDir, 'cluster');
export const clusterScript = path.join(repoRoot, 'e2e/cluster/cluster.sh');

export const testEnv = {
  kubeconfig: path.join(clusterDir, 'kubeconfig'),
  kubectl: path.join(cacheDir, 'bin/kubectl'),
  prometheusUrl: `http://127.0.0.1:${process.env.PROMETHEUS_PORT ?? '29090'}`,
  prometheusDataDir: path.join(clusterDir, 'prometheus'),
};

// Where the test cluster lives: the paths cluster.sh writes, read the same way by every harness part.
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cacheDir = process.env.HOPSCOPE_CACHE ?? path.join(repoRoot, '.cache');
export const clusterDir = process.env.HOPSCOPE_CLUSTER_DIR ?? path.join(cacheDir, 'cluster');
export const clusterScript = path.join(repoRoot, 'e2e/cluster/cluster.sh');

export const testEnv = {
  kubeconfig: path.join(clusterDir, 'kubeconfig'),
  kubectl: path.join(cacheDir, 'bin/kubectl'),
  prometheusUrl: `http://127.0.0.1:${process.env.PROMETHEUS_PORT ?? '29090'}`,
  prometheusDataDir: path.join(clusterDir, 'prometheus'),
};

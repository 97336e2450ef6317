// Brings the test cluster up when it is not (cluster.sh is idempotent: running parts stay).
import { execFileSync } from 'node:child_process';
import { clusterScript } from './test-env';

export function ensureCluster(): void {
  execFileSync('bash', [clusterScript, 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// Loads a scenario (objects and series) into the real test cluster before a group of browser tests.
import { loadCluster } from '../harness/load-cluster';
import { loadMetrics } from '../harness/load-metrics';
import { readScenario } from '../harness/scenario';
import { repoRoot } from '../harness/test-env';

export async function loadScenario(name: string): Promise<void> {
  const now = new Date();
  const scenario = readScenario(`${repoRoot}/e2e/scenarios/${name}`, now);
  await loadCluster(scenario);
  await loadMetrics(scenario.metrics, now);
}

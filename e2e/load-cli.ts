// npm run load -- <scenario-dir>: loads a scenario into the running test cluster and Prometheus
// without diagnosing it (the demo, and poking at a scenario by hand).
import { loadCluster } from './harness/load-cluster';
import { loadMetrics } from './harness/load-metrics';
import { readScenario } from './harness/scenario';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run load -- <scenario-dir>');
  process.exit(2);
}
const now = new Date();
const scenario = readScenario(dir, now);
const objects = await loadCluster(scenario);
const metrics = await loadMetrics(scenario.metrics, now);
console.log(
  `loaded ${scenario.name}: ${objects.objects} objects (${objects.statuses} statuses), ${metrics.series} series`,
);

// Serves a loaded scenario's series as they would go on, for the test cluster's Prometheus to
// scrape (scripts/demo.sh --live runs it): tsx e2e/live-exporter-cli.ts e2e/scenarios/<name>
import { readScenario } from './harness/scenario';
import { startLiveExporter } from './harness/live-exporter';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx e2e/live-exporter-cli.ts <scenario dir>');
  process.exit(2);
}
const loadedAt = new Date();
const scenario = readScenario(dir, loadedAt);
if (!scenario.metrics) {
  console.log(`${scenario.name} has no series: nothing to keep live`);
  process.exit(0);
}
const exporter = await startLiveExporter(scenario.metrics, loadedAt);
console.log(`live series of ${scenario.name} at ${exporter.url} (scraped every 15 s)`);
const stop = () => void exporter.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

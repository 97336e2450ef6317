// Every scenario directory reads as the contract says, before any cluster is involved: a file
// that does not parse fails here, with its name, not halfway through the test command.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario, resolveClusterPorts } from './scenario';

const root = path.resolve(import.meta.dirname, '../scenarios');
const dirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('the scenarios', () => {
  it.each(dirs)('%s reads: objects, and at least one expected path', (dir) => {
    const s = readScenario(path.join(root, dir));
    expect(s.objects.length).toBeGreaterThan(0);
    expect(s.expectations.length).toBeGreaterThan(0);
    for (const o of s.objects) expect(JSON.stringify(o)).not.toContain('${');
  });

  it('names the kubelet port of the cluster it runs on', () => {
    expect(resolveClusterPorts('Port: ${kubeletPort}')).toBe(
      `Port: ${process.env.KWOK_PORT ?? '26080'}`,
    );
  });
});

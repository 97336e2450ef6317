// The path trace on the test bed's real data plane: the scenario is loaded into the real cluster,
// its nodes and pods become network namespaces, the real kube-proxy programs the Service VIPs from
// the real EndpointSlices and the real CoreDNS answers cluster.local from the API server. The probes
// run from inside the client pod's namespace — the client's side of the path — and the diagnosis
// judges what they found.
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { planTrace } from '@/lib/checks/step-6-trace-plan';
import { summarizeProbe, type ProbeRun } from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { canBuildDataPlane, startDataPlane, type DataPlane } from '../harness/data-plane';
import { ensureCluster } from '../harness/ensure-cluster';
import { CLUSTERIP_FROM_TOOLBOX } from '../harness/paths';
import { loadCluster } from '../harness/load-cluster';
import { planeFromScenario } from '../harness/plane-from-scenario';
import { readScenario } from '../harness/scenario';
import { repoRoot, testEnv } from '../harness/test-env';

const path = CLUSTERIP_FROM_TOOLBOX;
const CLIENT = `${path.client.namespace}/${path.client.pod}`;

async function snapshotOf(): Promise<Snapshot> {
  const kc = new KubeConfig();
  kc.loadFromFile(testEnv.kubeconfig);
  return collectSnapshot(makeKubeApis(kc), path, 'hopscope-test', new Date());
}

const tally = (run: ProbeRun, tier: string) =>
  run.results.filter((r) => r.target.tier === tier).map((r) => summarizeProbe(r));

describe.runIf(canBuildDataPlane() === null)('path trace on the real data plane', () => {
  describe('restart-storm-dup-ip', () => {
    const scenario = readScenario(`${repoRoot}/e2e/scenarios/restart-storm-dup-ip`, new Date());
    let snapshot: Snapshot;
    let plane: DataPlane | undefined;
    let run: ProbeRun;

    beforeAll(async () => {
      ensureCluster();
      await loadCluster(scenario);
      snapshot = await snapshotOf();
      plane = await startDataPlane(planeFromScenario(scenario, path.client).spec);
      const plan = planTrace(snapshot);
      run = await plane.probeFrom(CLIENT, plan.targets, plan.allowed, { timeoutMs: 1_000 });
    }, 180_000);
    afterAll(() => plane?.stop());

    it('cluster DNS (the real CoreDNS behind the kube-dns VIP) answers the Service name 20 of 20', () => {
      const [service, control] = [tally(run, 'dns')[0]!, tally(run, 'control')[0]!];
      expect(service).toMatchObject({ ok: 20, of: 20 });
      expect(control).toMatchObject({ ok: 20, of: 20 });
    });

    it('the pod whose IP is held twice resets 5 of 20 connections; the other pods answer 20 of 20', () => {
      const d = diagnose({ ...snapshot, probes: { value: run } }, new Date());
      const resets = d.findings.filter((f) => f.code === 'TRACE_ENDPOINT_FAILING');
      expect(resets).toHaveLength(1);
      expect(resets[0]!.title).toMatch(/15 of 20 answered, 5 of 20 reset$/);
      const dup = d.findings.find((f) => f.code === 'POD_IP_DUPLICATE')!;
      expect(resets[0]!.subjects!.some((s) => s.startsWith('ip/') && dup.subjects!.includes(s))).toBe(true); // prettier-ignore
      const endpoints = tally(run, 'endpoint');
      expect(endpoints.filter((e) => e.ok === 20 && e.of === 20)).toHaveLength(
        endpoints.length - 1,
      );
    });

    it('through the VIP (the real kube-proxy DNAT) some connections reach that pod and are reset', () => {
      const [vip] = tally(run, 'service');
      expect(vip!.of).toBe(20);
      expect(vip!.ok).toBeLessThan(20);
      expect(vip!.ok).toBeGreaterThan(0);
      expect(vip!.outcomes.map(([o]) => o)).toContain('reset');
    });
  });
});

// The path trace on the test bed's data plane (first part: pods as network namespaces). The
// restart-storm scenario is loaded into the real cluster; its backend pods become namespaces with
// their own pod IPs, the one whose IP a leaked namespace also holds resetting one connection in
// four, the others answering. The trace planned from the real snapshot probes them from this
// process: the pod hop shows "5 of 20 reset" with the IP step 1 found duplicated.
// The Service range is unreachable here (no kube-proxy or CoreDNS on the test bed yet), so the
// DNS and VIP tiers fail on this machine and are not asserted.
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { planTrace } from '@/lib/checks/step-6-trace-plan';
import { inCidr } from '@/lib/model/cidr';
import type { Snapshot } from '@/lib/model/snapshot';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { runProbes } from '@/lib/sources/probes/prober';
import { canBuildDataPlane, SERVICE_RANGE, startDataPlane } from '../harness/data-plane';
import { ensureCluster } from '../harness/ensure-cluster';
import { CLUSTERIP_FROM_TOOLBOX } from '../harness/paths';
import { loadCluster } from '../harness/load-cluster';
import { readScenario } from '../harness/scenario';
import { repoRoot, testEnv } from '../harness/test-env';

const SCENARIO = `${repoRoot}/e2e/scenarios/restart-storm-dup-ip`;
const path = CLUSTERIP_FROM_TOOLBOX;

describe.runIf(canBuildDataPlane() === null)('path trace on the data plane', () => {
  let snapshot: Snapshot;
  let stop = () => {};

  beforeAll(async () => {
    ensureCluster();
    await loadCluster(readScenario(SCENARIO, new Date()));
    const kc = new KubeConfig();
    kc.loadFromFile(testEnv.kubeconfig);
    snapshot = await collectSnapshot(makeKubeApis(kc), path, 'hopscope-test', new Date());
    const duplicated = diagnose(snapshot, new Date()).findings.find(
      (f) => f.code === 'POD_IP_DUPLICATE',
    );
    const endpoints = planTrace(snapshot).targets.filter((t) => t.tier === 'endpoint');
    const plane = await startDataPlane(
      endpoints.map((t) => ({
        ip: t.address,
        port: t.port,
        behaviour: duplicated?.subjects?.includes(`ip/${t.address}`) ? 'reset-every:4' : 'answer',
      })),
    );
    stop = plane.stop;
  }, 120_000);
  afterAll(() => stop());

  it('the pod whose IP is held twice resets 5 of 20 connections; the others answer 20 of 20', async () => {
    const plan = planTrace(snapshot);
    const podIps = new Set(plan.targets.filter((t) => t.tier === 'endpoint').map((t) => t.address));
    // Only the namespaces' pod IPs and the unreachable Service range may be sent a packet.
    for (const a of plan.allowed) expect(podIps.has(a) || inCidr(a, SERVICE_RANGE), a).toBe(true);
    const run = await runProbes(plan.targets, plan.allowed, 'the test bed host', {
      timeoutMs: 1_000,
    });
    const traced: Snapshot = { ...snapshot, probes: { value: run } };
    const d = diagnose(traced, new Date());
    const resets = d.findings.filter((f) => f.code === 'TRACE_ENDPOINT_FAILING');
    expect(resets).toHaveLength(1);
    expect(resets[0]!.title).toMatch(/15 of 20 answered, 5 of 20 reset$/);
    const dup = d.findings.find((f) => f.code === 'POD_IP_DUPLICATE')!;
    const shared = resets[0]!.subjects!.filter((s) => dup.subjects!.includes(s));
    expect(shared.some((s) => s.startsWith('ip/'))).toBe(true);
    const answered = run.results.filter(
      (r) => r.target.tier === 'endpoint' && r.attempts.every((a) => a.ok),
    );
    expect(answered.length).toBe(podIps.size - 1);
    for (const r of answered) expect(r.attempts).toHaveLength(20);
  });
});

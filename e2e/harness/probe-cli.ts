// The probes of a trace plan, run from wherever this process runs: the test bed starts it inside a
// pod's network namespace, the client's side of the path. Reads
// { targets, allowed, vantage, limits } on stdin, writes the ProbeRun as JSON on stdout.
import { text } from 'node:stream/consumers';
import type { ProbeTarget } from '@/lib/model/probe';
import { runProbes, type ProbeLimits } from '@/lib/sources/probes/prober';

const input = JSON.parse(await text(process.stdin)) as {
  targets: ProbeTarget[];
  allowed: string[];
  vantage: string;
  limits?: Partial<ProbeLimits>;
};
const run = await runProbes(input.targets, new Set(input.allowed), input.vantage, input.limits);
process.stdout.write(JSON.stringify(run));

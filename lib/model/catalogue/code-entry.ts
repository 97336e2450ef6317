// One entry of the finding catalogue: what a code means, why it breaks the path, how to fix it.
import type { StepId } from '@/lib/model/hops';

export interface CodeEntry {
  step: StepId;
  /** Where the evidence comes from; Kubernetes objects unless said otherwise. */
  source?: 'prometheus' | 'probes';
  meaning: string;
  why: string;
  fix: string;
}

import { listClusters } from '@/lib/sources/kube/clusters';
import { PathPicker } from '@/components/path-picker';

export const dynamic = 'force-dynamic';

export default function Home() {
  const clusters = listClusters();
  return (
    <main>
      <h1>Hopscope</h1>
      <p>Pick the access path that stopped answering. Hopscope walks node and pod health, golden metrics, DNS,
        the Service and kube-proxy, the Ingress and the path itself, and tells you which hop is broken.</p>
      <PathPicker clusters={clusters.map((c) => c.name)} />
    </main>
  );
}

import { KubeConfigError, listClusters } from '@/lib/sources/kube/clusters';
import { PathPicker } from '@/components/path-picker';
import { QueryProvider } from '@/components/query-provider';
import { ThemeToggle } from '@/components/theme-toggle';

export const dynamic = 'force-dynamic';

function clusterNames(): { names: string[]; problem?: string } {
  try {
    return { names: listClusters().map((c) => c.name) };
  } catch (error) {
    if (error instanceof KubeConfigError) return { names: [], problem: error.message };
    throw error;
  }
}

export default function Home() {
  const { names, problem } = clusterNames();
  return (
    <main>
      <header className="bar">
        <h1>Hopscope</h1>
        <span className="spacer" />
        <ThemeToggle />
        <a href="/catalogue">finding codes</a>
      </header>
      <p>
        Pick the access path that stopped answering. Hopscope walks node and pod health, golden
        metrics, DNS, the Service and kube-proxy, the Ingress and the path itself, and tells you
        which hop is broken.
      </p>
      {problem ? <p role="alert">{problem}</p> : null}
      <QueryProvider>
        <PathPicker clusters={names} />
      </QueryProvider>
    </main>
  );
}

import { KubeConfigError, listClusters } from '@/lib/sources/kube/clusters';
import { PathPicker } from '@/components/path-picker';
import { QueryProvider } from '@/components/query-provider';
import { ThemeToggle } from '@/components/theme-toggle';
import { BundleUpload } from '@/components/bundle-upload';
import { VerdictBadge } from '@/components/verdict';
import { folderBundles } from '@/lib/server/bundles';

export const dynamic = 'force-dynamic';

function clusterNames(): { names: string[]; problem?: string } {
  try {
    return { names: listClusters().map((c) => c.name) };
  } catch (error) {
    if (error instanceof KubeConfigError) return { names: [], problem: error.message };
    throw error;
  }
}

export default async function Home() {
  const { names, problem } = clusterNames();
  const captured = await folderBundles();
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
      {problem && captured.bundles.length === 0 ? <p role="alert">{problem}</p> : null}
      {names.length > 0 ? (
        <QueryProvider>
          <PathPicker clusters={names} logsAllowed={process.env.HOPSCOPE_ALLOW_LOGS === '1'} />
        </QueryProvider>
      ) : null}
      {captured.bundles.length > 0 ? (
        <section aria-labelledby="captured">
          <h2 id="captured">Captured diagnoses</h2>
          <p className="muted">
            Frozen diagnoses this server was started with (HOPSCOPE_BUNDLES_DIR)
            {names.length === 0 ? ': no cluster is configured, so these are what there is.' : '.'}
          </p>
          <ul className="captured">
            {captured.bundles.map((b) => (
              <li key={b.id}>
                <a href={`/d/${b.id}`}>{b.title}</a> <VerdictBadge verdict={b.verdict} />{' '}
                <span className="muted">
                  {b.cluster} · taken {b.takenAt.slice(0, 16).replace('T', ' ')} UTC
                </span>
                <br />
                {b.sentence}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {captured.problems.length > 0 ? (
        <p role="alert">Bundles not loaded: {captured.problems.join('; ')}</p>
      ) : null}
      <BundleUpload />
    </main>
  );
}

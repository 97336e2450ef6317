// /from-alert — the link an alert opens. Alertmanager and Grafana templates fill it from the
// alert's labels; it answers with a redirect to the diagnosis of the path they name, its window
// reaching back before the alert started. A link that names no path says what it lacks.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { alertTarget, type AlertLabels } from '@/lib/model/alert-link';
import { targetQuery } from '@/lib/model/alert-link';
import { diagnoseHref } from '@/lib/client/live-link';
import { callerFrom } from '@/lib/server/auth/caller';
import { hostOf } from '@/lib/server/alert-host';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Opened from an alert · Hopscope' };

const EXAMPLE =
  '/from-alert?namespace={{ $labels.namespace }}&service={{ $labels.service }}&startsAt={{ .StartsAt }}';

export default async function FromAlert({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const labels: AlertLabels = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const read = alertTarget(labels, new Date());
  let problem = read.ok ? undefined : read.problem;
  if (read.ok) {
    const t = read.target;
    const host =
      t.kind === 'ingress' || t.kind === 'gateway'
        ? await hostOf(t, callerFrom(await headers(), 'GET'))
        : { host: undefined };
    if ('problem' in host) problem = host.problem;
    else redirect(diagnoseHref(targetQuery(t, host.host)));
  }
  return (
    <main>
      <h1>This alert link names no path Hopscope can diagnose</h1>
      <p role="alert">{problem}</p>
      <p>
        An alert opens a diagnosis with a link of this form, filled by its template from the
        alert&apos;s labels (see the README, &ldquo;Opened from an alert&rdquo;):
      </p>
      <pre className="mono">{EXAMPLE}</pre>
      <p>
        Labels read: <code>namespace</code> (or <code>exported_namespace</code>), and one of{' '}
        <code>service</code>, <code>ingress</code>, <code>httproute</code>, <code>grpcroute</code>;
        optionally <code>host</code>, <code>path</code>, <code>port</code>, <code>cluster</code> and{' '}
        <code>startsAt</code>.
      </p>
      <a href="/">Pick a path instead</a>
    </main>
  );
}

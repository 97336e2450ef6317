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
import { requestTranslator } from '@/lib/server/locale';
import { rich } from '@/components/rich';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await requestTranslator();
  return { title: t('Opened from an alert · Hopscope') };
}

/** The labels an alert link is read by: names, as they are in every language. */
const LABELS = [
  'namespace',
  'exported_namespace',
  'service',
  'ingress',
  'httproute',
  'grpcroute',
  'host',
  'path',
  'port',
  'cluster',
  'startsAt',
];

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
    const target = read.target;
    const host =
      target.kind === 'ingress' || target.kind === 'gateway'
        ? await hostOf(target, callerFrom(await headers(), 'GET'))
        : { host: undefined };
    if ('problem' in host) problem = host.problem;
    else redirect(diagnoseHref(targetQuery(target, host.host)));
  }
  const t = await requestTranslator();
  return (
    <main>
      <h1>{t('This alert link names no path Hopscope can diagnose')}</h1>
      <p role="alert">{problem}</p>
      <p>
        {t(
          "An alert opens a diagnosis with a link of this form, filled by its template from the alert's labels (see the README, “Opened from an alert”):",
        )}
      </p>
      <pre className="mono">{EXAMPLE}</pre>
      <p>
        {rich(
          t(
            'Labels read: {0} (or {1}), and one of {2}, {3}, {4}, {5}; optionally {6}, {7}, {8}, {9} and {10}.',
          ),
          ...LABELS.map((label) => <code key={label}>{label}</code>),
        )}
      </p>
      <a href="/">{t('Pick a path instead')}</a>
    </main>
  );
}

// The diagnosis page. Its URL holds the whole path: it is the live link. A diagnosis that answers
// within WHOLE_PAGE_WAIT_MS arrives whole, in the first paint. A slower one streams: the shell and
// six waiting panels; the topology as soon as the Kubernetes API has answered (metric hops
// `unknown` until Prometheus has); then each step panel as its own queries answer, each with its
// own Suspense and error boundary. (React reveals streamed panels at most every 300 ms after the
// first paint, so streaming a fast diagnosis would show it later, not sooner.) Re-runs go through
// the JSON API from the browser.
import type { Metadata } from 'next';
import Link from 'next/link';
import { describePath } from '@/lib/model/path-text';
import { Suspense } from 'react';
import type { StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Snapshot } from '@/lib/model/snapshot';
import { queryToPath } from '@/lib/client/query-to-path';
import {
  diagnoseSnapshot,
  diagnoseStep,
  gatherKubernetes,
  judgeWhole,
  metricsByStep,
  targetIsAbsent,
  type KubernetesWave,
} from '@/lib/server/run-diagnosis';
import { RequestError } from '@/lib/server/errors';
import { callerFrom } from '@/lib/server/auth/caller';
import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { prometheusLink } from '@/lib/server/prometheus-link';
import { recall, remember } from '@/lib/server/recent-diagnoses';
import type { Caller } from '@/lib/server/auth/caller';
import { DiagnosisOverview } from '@/components/diagnosis-overview';
import { DiagnosisPanels } from '@/components/diagnosis-panels';
import { DiagnosisSkeleton, StepSkeleton } from '@/components/diagnosis-skeleton';
import { DiagnosisBody } from '@/components/diagnosis-body';
import { DiagnosisView } from '@/components/diagnosis-view';
import { QueryProvider } from '@/components/query-provider';
import { StepPanel } from '@/components/step-panel';
import { SEEN_COOKIE, type Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import { requestLocale, requestTranslator } from '@/lib/server/locale';

export const dynamic = 'force-dynamic';

/** The tab names the path from the first byte; its verdict joins once the diagnosis is in. */
export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}): Promise<Metadata> {
  const parsed = queryToPath(await searchParams);
  const t = await requestTranslator();
  return { title: parsed.ok ? `${describePath(parsed.path, t)} · Hopscope` : 'Hopscope' };
}

/** How long the page holds its first byte for the whole diagnosis before it streams instead. */
const WHOLE_PAGE_WAIT_MS = Number(process.env.HOPSCOPE_WHOLE_PAGE_WAIT_MS ?? 700);

type Judged = { diagnosis: Diagnosis; snapshot: Snapshot };
/** `judged`: the whole diagnosis, judged once (and counted once in Hopscope's own metrics). */
type Started =
  | { problem: string }
  | ({ first: KubernetesWave; judged: Promise<Judged> } & ReturnType<typeof metricsByStep>);

function Problem({ message, locale }: { message: string; locale: Locale }) {
  const t = translator(locale);
  return (
    <>
      <h1>{'Hopscope'}</h1>
      <p role="alert">{message}</p>
      <Link href="/">{t('Pick a path')}</Link>
    </>
  );
}

async function Overview({
  seen,
  locale,
}: {
  seen: Promise<{ diagnosis: Diagnosis }>;
  locale: Locale;
}) {
  return <DiagnosisOverview d={(await seen).diagnosis} locale={locale} />;
}

async function StepWave({
  id,
  snapshot,
  now,
  locale,
}: {
  id: StepId;
  snapshot: Promise<Snapshot>;
  now: Date;
  locale: Locale;
}) {
  const seen = await snapshot;
  return (
    <StepPanel
      step={diagnoseStep(seen, now, id)}
      prometheusUrl={prometheusLink()}
      path={seen.path}
      locale={locale}
    />
  );
}

async function Streamed({
  path,
  started,
  caller,
  locale,
}: {
  path: AccessPath;
  started: Promise<Started>;
  caller: Caller;
  locale: Locale;
}) {
  const begun = await started;
  if ('problem' in begun) return <Problem message={begun.problem} locale={locale} />;
  const { first, steps } = begun;
  // The whole diagnosis, judged once: the overview shows it and Share freezes it.
  const seen = begun.judged;
  const diagnosisRef = seen.then((whole) => remember(caller, whole)).catch(() => null);
  return (
    <QueryProvider>
      <DiagnosisView
        path={path}
        cluster={first.snapshot.cluster}
        prometheusUrl={prometheusLink()}
        diagnosisRef={diagnosisRef}
      >
        <DiagnosisPanels
          locale={locale}
          overview={
            <Suspense
              fallback={
                <DiagnosisOverview
                  d={diagnoseSnapshot(first.snapshot, first.now, first.metrics !== null)}
                  locale={locale}
                />
              }
            >
              <Overview seen={seen} locale={locale} />
            </Suspense>
          }
          step={(id) => (
            <Suspense fallback={<StepSkeleton id={id} locale={locale} />}>
              <StepWave id={id} snapshot={steps[id]} now={first.now} locale={locale} />
            </Suspense>
          )}
        />
      </DiagnosisView>
    </QueryProvider>
  );
}

/** The diagnosis complete before the first byte: rendered without waiting panels. */
function Whole({
  path,
  d,
  diagnosisRef,
  locale,
}: {
  path: AccessPath;
  d: Diagnosis;
  diagnosisRef: string;
  locale: Locale;
}) {
  const prometheusUrl = prometheusLink();
  return (
    <QueryProvider>
      <DiagnosisView
        path={path}
        cluster={d.cluster}
        prometheusUrl={prometheusUrl}
        diagnosisRef={diagnosisRef}
      >
        <DiagnosisBody d={d} prometheusUrl={prometheusUrl} locale={locale} />
      </DiagnosisView>
    </QueryProvider>
  );
}

/** The finished diagnosis if it is in within `ms`, else null (it then streams). */
async function wholeWithin(
  started: Promise<Started>,
  ms: number,
): Promise<{ diagnosis: Diagnosis; snapshot: Snapshot } | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  const whole = started.then((begun) => ('problem' in begun ? null : begun.judged));
  try {
    // A failure is left to the streamed page: its boundaries say which part failed.
    return await Promise.race([whole.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

export default async function DiagnosePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = queryToPath(await searchParams);
  const locale = await requestLocale();
  const t = translator(locale);
  if (!parsed.ok)
    return (
      <main>
        <Problem
          message={t('This link does not describe a path: {0}', parsed.errors.join(t('; ')))}
          locale={locale}
        />
      </main>
    );
  const caller = callerFrom(await headers(), 'GET');
  // The language switch asks for the diagnosis on screen again, in the new words: not a new run.
  const seenRef = (await cookies()).get(SEEN_COOKIE)?.value;
  const seen = seenRef ? recall(caller, seenRef) : null;
  if (seenRef && seen && JSON.stringify(seen.diagnosis.path) === JSON.stringify(parsed.path))
    return (
      <main>
        <Whole path={parsed.path} d={seen.diagnosis} diagnosisRef={seenRef} locale={locale} />
      </main>
    );
  // A link to a Service or Ingress that does not exist answers 404, before anything streams.
  if (await targetIsAbsent(parsed.path, caller)) notFound();
  const started: Promise<Started> = Promise.resolve()
    .then(() => gatherKubernetes(parsed.path, caller))
    .then((first) => {
      const waves = metricsByStep(first);
      const judged = waves.all.then((snapshot) => ({
        diagnosis: judgeWhole(first, snapshot),
        snapshot,
      }));
      // Judged whether or not anyone awaits it (a failure shows in the panels' own boundaries).
      judged.catch(() => {});
      return { first, ...waves, judged };
    })
    .catch((error: unknown) => {
      if (error instanceof RequestError) return { problem: error.message };
      throw error;
    });
  const whole = await wholeWithin(started, WHOLE_PAGE_WAIT_MS);
  if (whole)
    return (
      <main>
        <Whole
          path={parsed.path}
          d={whole.diagnosis}
          diagnosisRef={remember(caller, whole)}
          locale={locale}
        />
      </main>
    );
  return (
    <main>
      <Suspense fallback={<DiagnosisSkeleton path={parsed.path} locale={locale} />}>
        <Streamed path={parsed.path} started={started} caller={caller} locale={locale} />
      </Suspense>
    </main>
  );
}

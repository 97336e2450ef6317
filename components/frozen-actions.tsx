'use client';
// What an SRE does with a frozen diagnosis: run the same path again now and see what changed,
// copy an embed or a badge for a runbook, and (the creator) delete it.
import { useMutation } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { compareDiagnoses } from '@/lib/model/compare';
import { fetchDiagnosis } from '@/lib/client/diagnosis-query';
import { deleteShared, embedUrls, storedDeleteKey } from '@/lib/client/shares';
import type { FrozenDiagnosis } from '@/lib/model/frozen';
import { CopyButton } from './copy-button';
import { DiagnosisBody } from './diagnosis-body';
import { DiagnosisDiffView } from './diagnosis-diff';
import { useLocale, useT } from './locale';

const noSubscription = () => () => {};

export function FrozenActions({
  frozen,
  prometheusUrl,
}: {
  frozen: Pick<FrozenDiagnosis, 'id' | 'path' | 'diagnosis'>;
  prometheusUrl?: string;
}) {
  const locale = useLocale();
  const t = useT();
  // Browser-only values, read after hydration (the server renders none).
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  const deleteKey = useSyncExternalStore(
    noSubscription,
    () => storedDeleteKey(frozen.id),
    () => null,
  );
  const [deleted, setDeleted] = useState(false);

  // The same path, its window relative to now again: what the cluster says today.
  const again = useMutation({
    mutationFn: () => {
      const { end: _frozenEnd, ...window } = frozen.path.window;
      return fetchDiagnosis({ ...frozen.path, window });
    },
  });
  const remove = useMutation({
    mutationFn: (key: string) => deleteShared(frozen.id, key),
    onSuccess: () => setDeleted(true),
  });
  const urls = embedUrls(origin, frozen.id);

  if (deleted) return <p role="status">{t('Deleted. This link no longer opens anything.')}</p>;
  // What a runbook can paste: the snippets themselves stay as they are (they are code).
  const rows = [
    { key: 'page', label: t('Permalink'), url: urls.page },
    { key: 'json', label: 'JSON', url: urls.json },
    ...urls.frames.map((f) => ({
      key: `frame-${f.part}`,
      label: t('Embed {0}', f.part),
      url: `<iframe src="${f.url}" width="100%" height="360" title="Hopscope ${f.part}"></iframe>`,
    })),
    {
      key: 'badge',
      label: t('Badge (Markdown)'),
      url: `[![Hopscope](${urls.badge})](${urls.page})`,
    },
    { key: 'shields', label: t('Shields endpoint'), url: urls.shields },
  ];
  return (
    <>
      <div className="bar">
        <button type="button" onClick={() => again.mutate()} disabled={again.isPending}>
          {t(again.isPending ? 'Running again…' : '⟳ Run again now')}
        </button>
        {deleteKey ? (
          <button
            type="button"
            onClick={() => remove.mutate(deleteKey)}
            disabled={remove.isPending}
            title={t('You froze this diagnosis: delete it for everyone')}
          >
            {t('Delete')}
          </button>
        ) : null}
        <a href={`/api/diagnoses/${frozen.id}?download=1`} download>
          {t('⤓ Download bundle')}
        </a>
        <details className="embed-links">
          <summary>{t('Embed or badge')}</summary>
          <ul>
            {rows.map((row) => (
              <li key={row.key}>
                {row.label}: <code>{row.url}</code>{' '}
                <CopyButton text={row.url} label={t('Copy {0}', row.label)} />
              </li>
            ))}
          </ul>
        </details>
      </div>
      {remove.isError ? <p role="alert">{t('Delete failed: {0}', remove.error.message)}</p> : null}
      {again.isError ? (
        <p role="alert">
          {t(
            'Run again failed: {0}. Running needs a Hopscope session on this browser.',
            again.error.message,
          )}
        </p>
      ) : null}
      {again.data ? (
        <>
          <DiagnosisDiffView
            diff={compareDiagnoses(frozen.diagnosis, again.data.diagnosis)}
            locale={locale}
          />
          <details>
            <summary>{t('The diagnosis now')}</summary>
            <DiagnosisBody
              d={again.data.diagnosis}
              prometheusUrl={prometheusUrl}
              idPrefix="now-"
              locale={locale}
            />
          </details>
        </>
      ) : null}
    </>
  );
}

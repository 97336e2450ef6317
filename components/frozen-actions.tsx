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

const noSubscription = () => () => {};

export function FrozenActions({
  frozen,
  prometheusUrl,
}: {
  frozen: Pick<FrozenDiagnosis, 'id' | 'path' | 'diagnosis'>;
  prometheusUrl?: string;
}) {
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

  if (deleted) return <p role="status">Deleted. This link no longer opens anything.</p>;
  return (
    <>
      <div className="bar">
        <button type="button" onClick={() => again.mutate()} disabled={again.isPending}>
          {again.isPending ? 'Running again…' : '⟳ Run again now'}
        </button>
        {deleteKey ? (
          <button
            type="button"
            onClick={() => remove.mutate(deleteKey)}
            disabled={remove.isPending}
            title="You froze this diagnosis: delete it for everyone"
          >
            Delete
          </button>
        ) : null}
        <a href={`/api/diagnoses/${frozen.id}?download=1`} download>
          ⤓ Download bundle
        </a>
        <details className="embed-links">
          <summary>Embed or badge</summary>
          <ul>
            {[
              { label: 'Permalink', url: urls.page },
              { label: 'JSON', url: urls.json },
              ...urls.frames.map((f) => ({
                label: `Embed ${f.part}`,
                url: `<iframe src="${f.url}" width="100%" height="360" title="Hopscope ${f.part}"></iframe>`,
              })),
              { label: 'Badge (Markdown)', url: `[![Hopscope](${urls.badge})](${urls.page})` },
              { label: 'Shields endpoint', url: urls.shields },
            ].map((row) => (
              <li key={row.label}>
                {row.label}: <code>{row.url}</code>{' '}
                <CopyButton text={row.url} label={`Copy ${row.label}`} />
              </li>
            ))}
          </ul>
        </details>
      </div>
      {remove.isError ? <p role="alert">Delete failed: {remove.error.message}</p> : null}
      {again.isError ? (
        <p role="alert">
          Run again failed: {again.error.message}. Running needs a Hopscope session on this browser.
        </p>
      ) : null}
      {again.data ? (
        <>
          <DiagnosisDiffView diff={compareDiagnoses(frozen.diagnosis, again.data.diagnosis)} />
          <details>
            <summary>The diagnosis now</summary>
            <DiagnosisBody d={again.data.diagnosis} prometheusUrl={prometheusUrl} idPrefix="now-" />
          </details>
        </>
      ) : null}
    </>
  );
}

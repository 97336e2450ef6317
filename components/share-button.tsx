'use client';
// "Share": freezes the diagnosis on screen (by its ref, so exactly what was seen) under a
// permalink, and shows the link, the delete key (once) and when it expires.
import { use, useState } from 'react';
import type { AccessPath } from '@/lib/model/path';
import { shareDiagnosis, type ShareReceipt } from '@/lib/client/shares';
import { CopyButton } from './copy-button';
import { useT } from './locale';
import { rich } from './rich';

export function ShareButton({
  diagnosisRef,
  path,
}: {
  /** The ref of the diagnosis shown; a promise while the page still streams. */
  diagnosisRef: string | null | Promise<string | null>;
  path: AccessPath;
}) {
  const t = useT();
  const ref =
    diagnosisRef !== null && typeof diagnosisRef === 'object' ? use(diagnosisRef) : diagnosisRef;
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<ShareReceipt | null>(null);
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        disabled={busy}
        title={t('Freeze this diagnosis under a permalink')}
        onClick={async () => {
          setBusy(true);
          setError('');
          try {
            setReceipt(await shareDiagnosis(ref, path));
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t(busy ? 'Freezing…' : '⇪ Share')}
      </button>
      {error ? <span role="alert">{t('Share failed: {0}', error)}</span> : null}
      {receipt ? <ShareReceiptNote receipt={receipt} /> : null}
    </>
  );
}

function ShareReceiptNote({ receipt }: { receipt: ShareReceipt }) {
  const t = useT();
  const link = `${window.location.origin}${receipt.url}`;
  return (
    <div className="share-note" role="region" aria-label={t('Shared')}>
      <p>
        {rich(
          t(
            receipt.retaken
              ? 'Frozen (taken again: the diagnosis on screen was no longer held): {0} {1}'
              : 'Frozen: {0} {1}',
          ),
          <a href={receipt.url}>{link}</a>,
          <CopyButton text={link} label={t('Copy permalink')} />,
        )}
      </p>
      <p className="muted">
        {rich(
          t('Delete key (shown once, kept in this browser): {0} {1} · expires {2}'),
          <code>{receipt.deleteKey}</code>,
          <CopyButton text={receipt.deleteKey} label={t('Copy delete key')} />,
          receipt.expiresAt.slice(0, 10),
        )}
      </p>
    </div>
  );
}

'use client';
// "Share": freezes the diagnosis on screen (by its ref, so exactly what was seen) under a
// permalink, and shows the link, the delete key (once) and when it expires.
import { use, useState } from 'react';
import type { AccessPath } from '@/lib/model/path';
import { shareDiagnosis, type ShareReceipt } from '@/lib/client/shares';
import { CopyButton } from './copy-button';

export function ShareButton({
  diagnosisRef,
  path,
}: {
  /** The ref of the diagnosis shown; a promise while the page still streams. */
  diagnosisRef: string | null | Promise<string | null>;
  path: AccessPath;
}) {
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
        title="Freeze this diagnosis under a permalink"
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
        {busy ? 'Freezing…' : '⇪ Share'}
      </button>
      {error ? <span role="alert">Share failed: {error}</span> : null}
      {receipt ? <ShareReceiptNote receipt={receipt} /> : null}
    </>
  );
}

function ShareReceiptNote({ receipt }: { receipt: ShareReceipt }) {
  const link = `${window.location.origin}${receipt.url}`;
  return (
    <div className="share-note" role="region" aria-label="Shared">
      <p>
        Frozen{receipt.retaken ? ' (taken again: the diagnosis on screen was no longer held)' : ''}:{' '}
        <a href={receipt.url}>{link}</a> <CopyButton text={link} label="Copy permalink" />
      </p>
      <p className="muted">
        Delete key (shown once, kept in this browser): <code>{receipt.deleteKey}</code>{' '}
        <CopyButton text={receipt.deleteKey} label="Copy delete key" /> · expires{' '}
        {receipt.expiresAt.slice(0, 10)}
      </p>
    </div>
  );
}

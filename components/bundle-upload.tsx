'use client';
// "Open a bundle": a frozen diagnosis a colleague captured or downloaded, loaded into this server
// (judged again by its checks) and opened at its own permalink.
import { useState } from 'react';
import { rememberDeleteKey } from '@/lib/client/shares';
import { useT } from './locale';
import { rich } from './rich';

export function BundleUpload() {
  const t = useT();
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <label>
        {rich(
          t('Open a bundle ({0} or {1})'),
          <code>{'.hopscope.json'}</code>,
          <code>{'.hopscope.json.gz'}</code>,
        )}{' '}
        <input
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          disabled={busy}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setBusy(true);
            setError(null);
            try {
              const res = await fetch('/api/bundles', {
                method: 'POST',
                headers: { 'content-type': 'application/octet-stream' },
                body: file,
              });
              const body = (await res.json().catch(() => ({}))) as {
                id?: string;
                deleteKey?: string;
                url?: string;
                error?: string;
                details?: string[];
              };
              if (!res.ok || !body.url)
                setError({
                  message: body.error ?? t('the server answered {0}', res.status),
                  details: body.details ?? [],
                });
              else {
                // The uploader may delete it, as the creator of a share may.
                if (body.id && body.deleteKey) rememberDeleteKey(body.id, body.deleteKey);
                window.location.assign(body.url);
              }
            } catch (err) {
              setError({ message: err instanceof Error ? err.message : String(err), details: [] });
            } finally {
              setBusy(false);
            }
          }}
        />
      </label>
      {busy ? <span role="status"> {t('loading…')}</span> : null}
      {error ? (
        <div role="alert">
          <p>{t('This bundle was not loaded: {0}', error.message)}</p>
          {error.details.length > 0 ? (
            <ul>
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

'use client';
// What the diagnosis page shows when rendering it failed outside any one panel (each panel has
// its own boundary): a plain sentence, the server's error reference, and a way on. Details stay
// in the server log.
import Link from 'next/link';
import { useT } from '@/components/locale';

export default function DiagnoseError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  const t = useT();
  const what = error.message || t('the server failed to render it');
  return (
    <main>
      <h1>{'Hopscope'}</h1>
      <p role="alert">
        {error.digest
          ? t(
              'This diagnosis could not be shown: {0}. (server log reference {1})',
              what,
              error.digest,
            )
          : t('This diagnosis could not be shown: {0}.', what)}
      </p>
      <p>
        <button type="button" onClick={retry}>
          {t('⟳ Try again')}
        </button>{' '}
        <Link href="/">{t('Pick another path')}</Link>
      </p>
    </main>
  );
}

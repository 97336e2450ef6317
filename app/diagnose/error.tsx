'use client';
// What the diagnosis page shows when rendering it failed outside any one panel (each panel has
// its own boundary): a plain sentence, the server's error reference, and a way on. Details stay
// in the server log.
import Link from 'next/link';

export default function DiagnoseError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <main>
      <h1>Hopscope</h1>
      <p role="alert">
        This diagnosis could not be shown: {error.message || 'the server failed to render it'}.
        {error.digest ? ` (server log reference ${error.digest})` : ''}
      </p>
      <p>
        <button type="button" onClick={retry}>
          ⟳ Try again
        </button>{' '}
        <Link href="/">Pick another path</Link>
      </p>
    </main>
  );
}

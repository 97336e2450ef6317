'use client';
// A diagnosis link whose Service or Ingress does not exist (the page answered 404): which one,
// read from the link itself, and a way on.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';

export default function DiagnoseNotFound() {
  const q = useSearchParams();
  const kind = q.get('kind') === 'ingress' ? 'Ingress' : 'Service';
  const name = (kind === 'Ingress' ? q.get('ingress') : q.get('service')) ?? '';
  const cluster = q.get('cluster');
  return (
    <main>
      <h1>Hopscope</h1>
      <p role="alert">
        {kind} {q.get('namespace')}/{name} not found
        {cluster ? ` in cluster ${cluster}` : ''}
      </p>
      <Link href="/">Pick a path</Link>
    </main>
  );
}

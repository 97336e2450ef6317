'use client';
// A diagnosis link whose Service or Ingress does not exist (the page answered 404): which one,
// read from the link itself, and a way on.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useT } from '@/components/locale';

export default function DiagnoseNotFound() {
  const t = useT();
  const q = useSearchParams();
  const kind = q.get('kind') === 'ingress' ? 'Ingress' : 'Service';
  const name = (kind === 'Ingress' ? q.get('ingress') : q.get('service')) ?? '';
  const cluster = q.get('cluster');
  return (
    <main>
      <h1>{'Hopscope'}</h1>
      <p role="alert">
        {cluster
          ? t('{0} {1}/{2} not found in cluster {3}', kind, q.get('namespace') ?? '', name, cluster)
          : t('{0} {1}/{2} not found', kind, q.get('namespace') ?? '', name)}
      </p>
      <Link href="/">{t('Pick a path')}</Link>
    </main>
  );
}

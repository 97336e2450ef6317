'use client';
// The path form: everything goes into the URL of /diagnose, which is the live link.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { diagnoseHref, type PathQuery } from '@/lib/paths';

export function PathPicker({ clusters }: { clusters: string[] }) {
  const router = useRouter();
  const [q, setQ] = useState<PathQuery>({ kind: 'clusterip', cluster: clusters[0] ?? '', namespace: '', service: '', port: '', client: '', node: '', ingress: '', host: '', path: '/', minutes: '30' });
  const set = (key: keyof PathQuery) => (e: { target: { value: string } }) => setQ({ ...q, [key]: e.target.value });
  return (
    <form aria-label="Access path" onSubmit={(e) => { e.preventDefault(); router.push(diagnoseHref(q)); }}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8, maxWidth: 900 }}>
      <label>Cluster<select value={q.cluster} onChange={set('cluster')}>{clusters.map((c) => <option key={c}>{c}</option>)}</select></label>
      <label>Access kind<select value={q.kind} onChange={set('kind')}>
        <option value="clusterip">ClusterIP</option><option value="nodeport">NodePort</option><option value="ingress">Ingress</option>
      </select></label>
      <label>Namespace<input required value={q.namespace} onChange={set('namespace')} /></label>
      {q.kind === 'ingress' ? (
        <>
          <label>Ingress<input required value={q.ingress} onChange={set('ingress')} /></label>
          <label>Host<input required value={q.host} onChange={set('host')} /></label>
          <label>Path<input value={q.path} onChange={set('path')} /></label>
        </>
      ) : (
        <>
          <label>Service<input required value={q.service} onChange={set('service')} /></label>
          <label>Port<input value={q.port} onChange={set('port')} /></label>
          {q.kind === 'clusterip'
            ? <label>Client pod (namespace/name)<input value={q.client} onChange={set('client')} /></label>
            : <label>Entry node<input value={q.node} onChange={set('node')} /></label>}
        </>
      )}
      <label>Window (minutes)<input type="number" min={1} value={q.minutes} onChange={set('minutes')} /></label>
      <button type="submit">Diagnose</button>
    </form>
  );
}

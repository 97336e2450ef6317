'use client';
// The path picker: recent paths first, then type-ahead over the cluster's Services and
// Ingresses; the access kind is inferred from what was picked and stays editable. Submitting
// goes to /diagnose with the whole path in the URL (the live link).
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { diagnoseHref, type PathQuery } from '@/lib/client/live-link';
import { parseRecent, recentStore } from '@/lib/client/recent-paths';
import { fetchTargets } from '@/lib/client/target-search';
import type { Target } from '@/lib/model/target';
import { useT } from './locale';

const EMPTY: PathQuery = {
  kind: 'clusterip',
  cluster: '',
  namespace: '',
  service: '',
  port: '',
  client: '',
  node: '',
  ingress: '',
  httproute: '',
  grpcroute: '',
  host: '',
  path: '/',
  minutes: '30',
  end: '',
};

const TARGET_LABEL: Record<Target['kind'], string> = {
  service: 'Service',
  ingress: 'Ingress',
  httproute: 'HTTPRoute',
  grpcroute: 'GRPCRoute',
};

/** Kubernetes kinds: they stay as they are in every language. */
const ACCESS_KINDS: { value: PathQuery['kind']; label: string }[] = [
  { value: 'clusterip', label: 'ClusterIP' },
  { value: 'nodeport', label: 'NodePort' },
  { value: 'ingress', label: 'Ingress' },
];
const ROUTE_KINDS = ['httproute', 'grpcroute'] as const;
const ROUTE_LABEL: Record<(typeof ROUTE_KINDS)[number], string> = {
  httproute: 'HTTPRoute',
  grpcroute: 'GRPCRoute',
};

/** The id of a result's option element, for aria-activedescendant: by position, always unique. */
function optionId(i: number): string {
  return `target-option-${i}`;
}

export function PathPicker({
  clusters,
  logsAllowed = false,
}: {
  clusters: string[];
  /** The server reads logs when asked (HOPSCOPE_ALLOW_LOGS=1): the picker offers it. */
  logsAllowed?: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [q, setQ] = useState<PathQuery>({ ...EMPTY, cluster: clusters[0] ?? '' });
  const [search, setSearch] = useState('');
  // The ARIA combobox pattern: arrows move through the results, Enter picks, Escape closes.
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [routeKind, setRouteKind] = useState<'httproute' | 'grpcroute'>('httproute');
  // Recent paths live in this browser only: none on the server render.
  const recentText = useSyncExternalStore(recentStore.subscribe, recentStore.read, () => '[]');
  const recent = useMemo(() => parseRecent(recentText), [recentText]);
  const deferred = useDeferredValue(search);
  const targets = useQuery({
    queryKey: ['targets', q.cluster, deferred],
    queryFn: ({ signal }) => fetchTargets(q.cluster, deferred, signal),
    enabled: deferred.trim().length > 0,
    staleTime: 30_000,
  });

  const set = (key: keyof PathQuery) => (e: { target: { value: string } }) =>
    setQ({ ...q, [key]: e.target.value });
  const pick = (target: Target) => {
    setSearch(`${target.namespace}/${target.name}`);
    setOpen(false);
    setActive(-1);
    // Next, what the pick left to fill (a port, a gRPC call), else Diagnose: one key away.
    requestAnimationFrame(() => {
      const next =
        form.current?.querySelector<HTMLElement>('input:invalid, [data-needs-value="true"]') ??
        form.current?.querySelector<HTMLElement>('button[type="submit"]');
      next?.focus();
    });
    if (target.kind === 'httproute' || target.kind === 'grpcroute') setRouteKind(target.kind);
    setQ(
      target.kind === 'ingress'
        ? {
            ...q,
            kind: 'ingress',
            namespace: target.namespace,
            ingress: target.name,
            host: target.hosts[0] ?? '',
            service: '',
          }
        : target.kind === 'httproute' || target.kind === 'grpcroute'
          ? {
              ...q,
              kind: 'gateway',
              namespace: target.namespace,
              httproute: target.kind === 'httproute' ? target.name : '',
              grpcroute: target.kind === 'grpcroute' ? target.name : '',
              host: target.hosts[0] ?? '',
              // A gRPC call's path names its service and method, which the route does not give.
              path: target.kind === 'grpcroute' ? '/' : q.path,
              service: '',
              ingress: '',
            }
          : {
              ...q,
              kind: target.suggestedKind,
              namespace: target.namespace,
              service: target.name,
              port: target.ports.length === 1 ? String(target.ports[0]) : q.port,
              ingress: '',
            },
    );
  };

  const results = deferred.trim() ? (targets.data ?? []) : [];
  const expanded = open && targets.data !== undefined && deferred.trim() !== '';
  const activeTarget = expanded ? results[active] : undefined;

  return (
    <>
      {recent.length > 0 ? (
        <nav className="recent-paths" aria-label={t('Recent paths')}>
          <h2>{t('Recent')}</h2>
          <ul>
            {recent.map((r) => (
              <li key={r.href}>
                <a href={r.href}>{r.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="search">
        <label htmlFor="target-search">{t('Find a Service, Ingress, route or host')}</label>
        <input
          id="target-search"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls="target-results"
          aria-activedescendant={activeTarget ? optionId(active) : undefined}
          aria-describedby="target-search-help"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setOpen(true);
              if (results.length === 0) return;
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((i) => (i + step + results.length) % results.length);
            } else if (e.key === 'Enter' && expanded && activeTarget) {
              e.preventDefault();
              pick(activeTarget);
            } else if (e.key === 'Escape') {
              setOpen(false);
              setActive(-1);
            }
          }}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
          placeholder={t('web, shop/web, shop.example.com')}
          autoComplete="off"
          spellCheck={false}
        />
        <p id="target-search-help" className="muted hint">
          {t(
            'A name, namespace/name, host, ClusterIP or pod IP. ↑ ↓ move through the results, Enter picks, Esc closes.',
          )}
        </p>
        {targets.isError ? <p role="alert">{targets.error.message}</p> : null}
        <ul
          id="target-results"
          role="listbox"
          aria-label={t('Matching Services, Ingresses and routes')}
          className="results"
          hidden={!expanded}
        >
          {results.map((target, i) => (
            <li
              key={`${target.kind}/${target.namespace}/${target.name}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Keeps focus in the box, so the click picks before the list closes.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(target)}
            >
              {target.note ? (
                <strong className="target-note">
                  {target.note === 'did you mean?' ? t('did you mean?') : target.note}{' '}
                </strong>
              ) : null}
              {TARGET_LABEL[target.kind]} {target.namespace}/{target.name}{' '}
              <span className="muted">{target.detail}</span>
            </li>
          ))}
        </ul>
        {expanded && results.length === 0 ? (
          <p className="muted" role="status">
            {t('nothing matches “{0}”', deferred)}
          </p>
        ) : null}
      </div>
      <form
        ref={form}
        aria-label={t('Access path')}
        onSubmit={(e) => {
          e.preventDefault();
          router.push(diagnoseHref(q));
        }}
        className="picker"
      >
        <label>
          {t('Cluster')}
          <select value={q.cluster} onChange={set('cluster')}>
            {clusters.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          {t('Access kind')}
          <select value={q.kind} onChange={set('kind')}>
            {ACCESS_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
            <option value="gateway">{t('Gateway (HTTPRoute or GRPCRoute)')}</option>
          </select>
        </label>
        <label>
          {t('Namespace')}
          <input required value={q.namespace} onChange={set('namespace')} />
        </label>
        {q.kind === 'ingress' || q.kind === 'gateway' ? (
          <>
            {q.kind === 'ingress' ? (
              <label>
                {t('Ingress')}
                <input required value={q.ingress} onChange={set('ingress')} />
              </label>
            ) : (
              <>
                <label>
                  {t('Route kind')}
                  <select
                    value={routeKind}
                    onChange={(e) => {
                      const name = q.httproute || q.grpcroute;
                      const grpc = e.target.value === 'grpcroute';
                      setRouteKind(grpc ? 'grpcroute' : 'httproute');
                      setQ({ ...q, httproute: grpc ? '' : name, grpcroute: grpc ? name : '' });
                    }}
                  >
                    {ROUTE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {ROUTE_LABEL[k]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {ROUTE_LABEL[routeKind]}
                  <input required value={q[routeKind]} onChange={set(routeKind)} />
                </label>
              </>
            )}
            <label>
              {t('Host')}
              <input required value={q.host} onChange={set('host')} />
            </label>
            <label>
              {t('Path')}
              <input
                value={q.path}
                onChange={set('path')}
                data-needs-value={routeKind === 'grpcroute' && q.path === '/'}
                placeholder={routeKind === 'grpcroute' ? '/package.Service/Method' : undefined}
              />
            </label>
          </>
        ) : (
          <>
            <label>
              {t('Service')}
              <input required value={q.service} onChange={set('service')} />
            </label>
            <label>
              {t('Port')}
              <input
                value={q.port}
                onChange={set('port')}
                data-needs-value={q.service !== '' && q.port === ''}
              />
            </label>
            {q.kind === 'clusterip' ? (
              <label>
                {t('Client pod (optional, namespace/name)')}
                <input value={q.client} onChange={set('client')} />
              </label>
            ) : (
              <label>
                {t('Entry node (optional)')}
                <input value={q.node} onChange={set('node')} />
              </label>
            )}
          </>
        )}
        <label>
          {t('Window')}
          <select value={q.minutes} onChange={set('minutes')}>
            {['15', '30', '60', '180', '720'].map((m) => (
              <option key={m} value={m}>
                {Number(m) >= 60 ? t('last {0} h', Number(m) / 60) : t('last {0} m', m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Ending at (UTC, empty = now)')}
          <input type="datetime-local" value={q.end} onChange={set('end')} />
        </label>
        {logsAllowed ? (
          <label className="inline check">
            <input
              type="checkbox"
              checked={q.logs === '1'}
              onChange={(e) => setQ({ ...q, logs: e.target.checked ? '1' : '' })}
            />
            {t(
              "Read the backend's recent logs: finds a Ready pod whose app went silent (the log-stall check; your own permission to read logs applies)",
            )}
          </label>
        ) : null}
        <button type="submit">{t('Diagnose')}</button>
      </form>
    </>
  );
}

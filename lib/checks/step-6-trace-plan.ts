// What the path trace probes, from the Kubernetes part of the snapshot: the Service's name through
// cluster DNS, the ClusterIP:port, each ready endpoint IP:port directly, the entry node's
// NodePort, the Ingress host through its controller's Service, the Gateway host through its
// data-plane Service — and `kubernetes.default` through
// the same DNS as a control. Only these addresses may be sent a packet (`allowed`). Pure.
import type { ProbeTarget } from '@/lib/model/probe';
import { hostMatches } from '@/lib/model/gateway';
import {
  gatheredValue,
  type ServiceInfo,
  type ServicePortInfo,
  type Snapshot,
} from '@/lib/model/snapshot';
import { backendService, ingressBackendPort, pathServicePorts, pathSlices } from './read-snapshot';

/** Endpoints probed directly in one run; the rest are listed, not probed. */
export const MAX_ENDPOINT_TARGETS = 10;

/** HTTP where the port says so (its name or appProtocol-like name, or a web port); else TCP. */
function protocolOf(port: ServicePortInfo): 'http' | 'tcp' {
  if (port.name && /^(http|web|h2c)/i.test(port.name)) return 'http';
  return [80, 8080, 8000, 3000].includes(port.port) ? 'http' : 'tcp';
}

export interface TracePlan {
  targets: ProbeTarget[];
  /** Endpoints beyond MAX_ENDPOINT_TARGETS, said in the evidence, never probed. */
  endpointsLeftOut: number;
  allowed: Set<string>;
}

export function planTrace(s: Snapshot): TracePlan {
  const p = s.path;
  const targets: ProbeTarget[] = [];
  let endpointsLeftOut = 0;
  const svc = backendService(s);
  const ports = svc ? pathServicePorts(p, svc, ingressBackendPort(s)) : [];
  const port = ports[0];

  const dnsService = gatheredValue(s.dns)?.service;
  // An Ingress controller or a Gateway reaches the pods without cluster DNS or the ClusterIP.
  const inCluster = p.kind !== 'ingress' && p.kind !== 'gateway';
  if (dnsService?.clusterIP && svc && inCluster) {
    const dns = { address: dnsService.clusterIP, port: 53, protocol: 'dns' as const };
    targets.push({
      ...dns,
      tier: 'dns',
      label: `${svc.name}.${svc.namespace}.svc.cluster.local via kube-dns ${dnsService.clusterIP}`,
      name: `${svc.name}.${svc.namespace}.svc.cluster.local`,
    });
    targets.push({
      ...dns,
      tier: 'control',
      label: `kubernetes.default.svc.cluster.local via kube-dns ${dnsService.clusterIP} (control)`,
      name: 'kubernetes.default.svc.cluster.local',
    });
  }

  if (svc?.clusterIP && svc.clusterIP !== 'None' && port && inCluster)
    targets.push({
      tier: 'service',
      label: `Service ${svc.namespace}/${svc.name} ${svc.clusterIP}:${port.port}`,
      subject: `service/${svc.namespace}/${svc.name}`,
      protocol: protocolOf(port),
      address: svc.clusterIP,
      port: port.port,
    });

  if (port) {
    const endpoints = pathSlices(s).flatMap((slice) => {
      const slicePort = slice.ports.find((sp) => (sp.name ?? '') === (port.name ?? ''));
      if (!slicePort?.port) return [];
      return slice.endpoints
        .filter((e) => e.ready)
        .flatMap((e) =>
          e.addresses.map((address) => ({ address, port: slicePort.port!, ref: e.targetRef })),
        );
    });
    endpointsLeftOut = Math.max(0, endpoints.length - MAX_ENDPOINT_TARGETS);
    for (const e of endpoints.slice(0, MAX_ENDPOINT_TARGETS)) {
      const pod = e.ref?.kind === 'Pod' ? `${e.ref.namespace ?? p.namespace}/${e.ref.name}` : null;
      targets.push({
        tier: 'endpoint',
        label: `${pod ? `pod ${pod}` : 'endpoint'} ${e.address}:${e.port}`,
        ...(pod ? { subject: `pod/${pod}` } : {}),
        protocol: protocolOf(port),
        address: e.address,
        port: e.port,
      });
    }
  }

  if (p.kind === 'nodeport' && p.node && port?.nodePort) {
    const ip = gatheredValue(s.nodes[p.node])?.internalIP;
    if (ip)
      targets.push({
        tier: 'node-port',
        label: `node ${p.node} ${ip}:${port.nodePort}`,
        subject: `node/${p.node}`,
        protocol: protocolOf(port),
        address: ip,
        port: port.nodePort,
      });
  }

  if (p.kind === 'ingress') {
    const controller = gatheredValue(s.ingress?.controllerService);
    const http = controller?.ports.find((x) => x.port === 80 || x.name === 'http');
    if (controller?.clusterIP && http)
      targets.push({
        tier: 'ingress',
        label: `${p.host}${p.path} via ${controller.namespace}/${controller.name} ${controller.clusterIP}:${http.port}`,
        protocol: 'http',
        address: controller.clusterIP,
        port: http.port,
        hostHeader: p.host,
        httpPath: p.path,
      });
  }
  if (p.kind === 'gateway') {
    const entry = gatewayEntry(s, p.host);
    if (entry)
      targets.push({
        tier: 'gateway',
        label: `${p.host}${p.path} via Gateway ${entry.gateway} (${entry.service.namespace}/${entry.service.name} ${entry.service.clusterIP}:${entry.port})`,
        protocol: 'http',
        address: entry.service.clusterIP!,
        port: entry.port,
        hostHeader: p.host,
        httpPath: p.path,
      });
  }
  return { targets, endpointsLeftOut, allowed: new Set(targets.map((t) => t.address)) };
}

/**
 * The way into the cluster of a gateway path: the data-plane Service of the first Gateway with an
 * HTTP listener that admits the host, on the Service port of that listener's port.
 */
function gatewayEntry(
  s: Snapshot,
  host: string,
): { gateway: string; service: ServiceInfo; port: number } | null {
  for (const parent of s.gateway?.parents ?? []) {
    const g = gatheredValue(parent.gateway);
    const svc = parent.dataPlaneService ? gatheredValue(parent.dataPlaneService) : null;
    if (!g || !svc?.clusterIP || svc.clusterIP === 'None') continue;
    const listener = g.listeners.find(
      (l) =>
        l.protocol === 'HTTP' &&
        (!parent.ref.sectionName || parent.ref.sectionName === l.name) &&
        hostMatches(l.hostname, host),
    );
    const port = listener && svc.ports.find((x) => x.port === listener.port);
    if (port) return { gateway: `${g.namespace}/${g.name}`, service: svc, port: port.port };
  }
  return null;
}

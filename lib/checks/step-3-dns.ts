// Step 3 — DNS, object part: the cluster resolver (kube-dns Service, CoreDNS pods, Corefile)
// and the client's DNS policy for ClusterIP; for Ingress, whether there is an address for the
// external name to point at.
import type { Finding } from '@/lib/model/finding';
import { gatheredValue, type DnsInfo, type PodInfo, type Snapshot } from '@/lib/model/snapshot';
import { podRef } from './read-snapshot';
import { finding, objectEvidence, sourceUnknown } from './finding-builder';
import { sh } from './command';
import { msg } from '@/lib/i18n/message';

const COREFILE_REF = 'v1 ConfigMap kube-system/coredns';

function checkCorefile(corefile: string | null): Finding[] {
  if (corefile === null) {
    return [
      finding('DNS_COREFILE_MISSING', {
        hop: 'dns-cluster',
        severity: 'warn',
        title: msg`ConfigMap kube-system/coredns has no Corefile`,
        commands: [sh`kubectl get configmap -n kube-system coredns -o yaml`],
      }),
    ];
  }
  const out: Finding[] = [];
  const lines = corefile.split('\n').map((l) => l.replace(/#.*/, '').trim());
  if (!lines.some((l) => /^kubernetes\s+.*\bcluster\.local\b/.test(l))) {
    out.push(
      finding('DNS_COREFILE_NO_KUBERNETES', {
        hop: 'dns-cluster',
        severity: 'fail',
        title: msg`the Corefile has no kubernetes plugin for cluster.local: Service names do not resolve`,
        evidence: [objectEvidence(COREFILE_REF, 'data.Corefile', corefile)],
        commands: [sh`kubectl edit configmap -n kube-system coredns`],
      }),
    );
  }
  const loop = lines.find((l) =>
    /^(forward|proxy)\s+\.\s+.*\b(127\.\d+\.\d+\.\d+|::1|localhost)\b/.test(l),
  );
  if (loop) {
    out.push(
      finding('DNS_COREFILE_FORWARD_LOOP', {
        hop: 'dns-cluster',
        severity: 'fail',
        title: msg`the Corefile forwards to a loopback address ("${loop}"): queries loop back into CoreDNS`,
        evidence: [objectEvidence(COREFILE_REF, 'data.Corefile', loop)],
        commands: [sh`kubectl edit configmap -n kube-system coredns`],
      }),
    );
  }
  return out;
}

function checkResolver(dns: DnsInfo): Finding[] {
  if (!dns.service) {
    return [
      finding('DNS_SERVICE_MISSING', {
        hop: 'dns-cluster',
        severity: 'fail',
        title: msg`there is no kube-system/kube-dns Service: no cluster name resolves`,
        commands: [sh`kubectl get svc -n kube-system -l k8s-app=kube-dns`],
      }),
    ];
  }
  const out: Finding[] = [];
  const endpoints = dns.endpointSlices.flatMap((s) => s.endpoints);
  const ready = new Set(endpoints.filter((e) => e.ready).flatMap((e) => e.addresses));
  if (ready.size === 0) {
    out.push(
      finding('DNS_NO_READY_ENDPOINTS', {
        hop: 'dns-cluster',
        severity: 'fail',
        title: msg`cluster DNS (kube-system/kube-dns) has no ready endpoints (0 of ${new Set(endpoints.flatMap((e) => e.addresses)).size}): every lookup times out`,
        evidence: [
          objectEvidence(
            'discovery.k8s.io/v1 EndpointSlice kube-system/kube-dns-*',
            'endpoints[*].conditions.ready',
            endpoints.map((e) => e.ready),
          ),
        ],
        commands: [
          sh`kubectl get endpointslices -n kube-system -l kubernetes.io/service-name=kube-dns -o wide`,
          sh`kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide`,
        ],
      }),
    );
  }
  for (const pod of dns.pods) {
    const restarts = pod.containers.reduce((n, c) => n + c.restartCount, 0);
    const waiting = pod.containers.find((c) => c.state === 'waiting')?.reason;
    if (!pod.ready || waiting) {
      out.push(
        finding('DNS_PODS_UNHEALTHY', {
          hop: 'dns-cluster',
          member: pod.name,
          severity: 'fail',
          title: msg`CoreDNS pod ${pod.name} is not ready (${waiting ?? pod.phase}${restarts ? msg`, ${restarts} restarts` : ''})`,
          evidence: [objectEvidence(podRef(pod), 'status.conditions[Ready]', pod.ready)],
          commands: [sh`kubectl logs -n kube-system ${pod.name} --previous --tail=50`],
        }),
      );
    }
  }
  return out;
}

function checkClientPolicy(client: PodInfo, dns: DnsInfo | undefined): Finding[] {
  const ref = podRef(client);
  const out: Finding[] = [];
  const clusterDnsIp = dns?.service?.clusterIP;
  if (client.hostNetwork && client.dnsPolicy === 'ClusterFirst') {
    out.push(
      finding('DNS_CLIENT_HOSTNETWORK_DEFAULT', {
        hop: 'client',
        severity: 'fail',
        title: msg`client ${client.name} uses hostNetwork with dnsPolicy ClusterFirst: it resolves with the node's resolver, not cluster DNS`,
        evidence: [
          objectEvidence(ref, 'spec.dnsPolicy', client.dnsPolicy),
          objectEvidence(ref, 'spec.hostNetwork', true),
        ],
      }),
    );
  } else if (
    client.dnsPolicy === 'Default' ||
    (client.dnsPolicy === 'None' && !(clusterDnsIp && client.dnsNameservers.includes(clusterDnsIp)))
  ) {
    out.push(
      finding('DNS_CLIENT_NOT_CLUSTER_DNS', {
        hop: 'client',
        severity: 'fail',
        title: msg`client ${client.name} does not use cluster DNS (dnsPolicy ${client.dnsPolicy}${client.dnsNameservers.length ? msg`, nameservers ${client.dnsNameservers.join(', ')}` : ''})`,
        evidence: [
          objectEvidence(ref, 'spec.dnsPolicy', client.dnsPolicy),
          objectEvidence(ref, 'spec.dnsConfig.nameservers', client.dnsNameservers),
        ],
      }),
    );
  }
  if (client.dnsNdots !== undefined && client.dnsNdots > 5) {
    out.push(
      finding('DNS_CLIENT_NDOTS_HIGH', {
        hop: 'client',
        severity: 'warn',
        title: msg`client ${client.name} sets ndots:${client.dnsNdots}: outside names cost several extra lookups`,
        evidence: [objectEvidence(ref, 'spec.dnsConfig.options[ndots]', client.dnsNdots)],
      }),
    );
  }
  return out;
}

function checkExternalName(s: Snapshot): Finding[] {
  const ingress = gatheredValue(s.ingress?.ingress);
  if (!ingress) return [];
  const controllerSvc = gatheredValue(s.ingress?.controllerService);
  const addresses = [...ingress.loadBalancer, ...(controllerSvc?.loadBalancerIngress ?? [])];
  if (addresses.length > 0) {
    const host = s.path.kind === 'ingress' ? s.path.host : '';
    const published = [...new Set(addresses.map((a) => a.ip ?? a.hostname))].join(', ');
    // The address is known; whether the name resolves to it needs a lookup this step does not make.
    return [
      finding('DNS_EXTERNAL_NOT_RESOLVED', {
        hop: 'dns-external',
        severity: 'unknown',
        title: msg`${host} was not resolved here; the load balancer publishes ${published}`,
        evidence: [
          objectEvidence(
            `networking.k8s.io/v1 Ingress ${ingress.namespace}/${ingress.name}`,
            'status.loadBalancer.ingress',
            ingress.loadBalancer,
          ),
        ],
        commands: [sh`dig +short ${host}`],
      }),
    ];
  }
  return [
    finding('DNS_EXTERNAL_NO_ADDRESS', {
      hop: 'dns-external',
      severity: 'warn',
      title: msg`Ingress ${ingress.namespace}/${ingress.name} publishes no load balancer address for ${s.path.kind === 'ingress' ? s.path.host : msg`its host`}`,
      evidence: [
        objectEvidence(
          `networking.k8s.io/v1 Ingress ${ingress.namespace}/${ingress.name}`,
          'status.loadBalancer.ingress',
          [],
        ),
      ],
      commands: [sh`kubectl get ingress -n ${ingress.namespace} ${ingress.name} -o wide`],
    }),
  ];
}

/** A gateway path's host: what the Gateways publish (status.addresses); the lookup itself is step 6's. */
function checkGatewayExternalName(s: Snapshot): Finding[] {
  if (s.path.kind !== 'gateway') return [];
  const host = s.path.host;
  const gateways = (s.gateway?.parents ?? []).flatMap((p) =>
    p.gateway && 'value' in p.gateway && p.gateway.value ? [p.gateway.value] : [],
  );
  if (gateways.length === 0) return [];
  const addresses = [...new Set(gateways.flatMap((g) => g.addresses))];
  const evidence = gateways.map((g) =>
    objectEvidence(
      `gateway.networking.k8s.io/v1 Gateway ${g.namespace}/${g.name}`,
      'status.addresses',
      g.addresses,
    ),
  );
  if (addresses.length > 0)
    return [
      finding('DNS_EXTERNAL_NOT_RESOLVED', {
        hop: 'dns-external',
        severity: 'unknown',
        title: msg`${host} was not resolved here; the Gateway publishes ${addresses.join(', ')}`,
        evidence,
        commands: [sh`dig +short ${host}`],
      }),
    ];
  return [
    finding('DNS_EXTERNAL_NO_ADDRESS', {
      hop: 'dns-external',
      severity: 'warn',
      title: msg`Gateway ${gateways.map((g) => `${g.namespace}/${g.name}`).join(', ')} publishes no address for ${host}`,
      evidence,
      commands: [sh`kubectl get gateway -A -o wide`],
    }),
  ];
}

export function checkDns(s: Snapshot): Finding[] {
  if (s.path.kind === 'ingress') return checkExternalName(s);
  if (s.path.kind === 'gateway') return checkGatewayExternalName(s);
  if (!s.dns) return [];
  if ('issue' in s.dns) return [sourceUnknown(3, 'dns-cluster', s.dns.issue)];
  const dns = s.dns.value;
  const client = gatheredValue(s.client);
  return [
    ...checkResolver(dns),
    ...checkCorefile(dns.corefile),
    ...(client ? checkClientPolicy(client, dns) : []),
  ];
}

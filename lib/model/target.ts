// A Service, Ingress or route the picker offers as the start of a path: what the type-ahead returns.
import type { AccessKind } from './path';

export interface Target {
  kind: 'service' | 'ingress' | 'httproute' | 'grpcroute';
  namespace: string;
  name: string;
  /** Service type, or the Ingress's or route's hosts. */
  detail: string;
  hosts: string[];
  ports: number[];
  /** The access kind this target most likely means; the picker lets the SRE change it. */
  suggestedKind: AccessKind;
  /** Why it is offered when not by its name: "did you mean?", "ClusterIP 10.96.20.10", "selects pod …". */
  note?: string;
}

// A small evaluator of Kubernetes NetworkPolicy semantics, so tests can ask "may A reach B on port P?" of the rendered
// policies instead of comparing YAML. It follows the API's rules: a pod selected by no policy of a direction is open
// in that direction; once selected, a connection needs one rule of one selecting policy to allow it. Peers given as
// addresses match ipBlock rules only (as with a cluster-external address); pods match pod/namespace selectors only.
import { BlockList, isIP } from 'node:net';
import type { INetworkPolicy, INetworkPolicyPeer, INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1';

type Labels = Readonly<Record<string, string>>;
type LabelSelector = NonNullable<INetworkPolicyPeer['podSelector']>;
type Direction = 'Ingress' | 'Egress';

export interface PodRef {
  namespace: string;
  /** the namespace's labels (kubernetes.io/metadata.name is added by the API server; include it) */
  namespaceLabels: Labels;
  labels: Labels;
}
export type Peer = { pod: PodRef } | { ip: string };
export interface PortRef {
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export function podIn(namespace: string, labels: Labels): PodRef {
  return { namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels };
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels[key];
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new Error(`unknown selector operator ${operator}`);
    }
  });
  return byLabel && byExpression;
}

function inCidr(ip: string, cidr: string): boolean {
  const [network = '', prefix = ''] = cidr.split('/');
  const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(ip) !== isIP(network)) return false; // node's BlockList maps IPv4 into IPv6 ranges; Kubernetes does not
  const block = new BlockList();
  block.addSubnet(network, Number(prefix), family);
  return block.check(ip, family);
}

function peerMatches(peer: INetworkPolicyPeer, policyNamespace: string, other: Peer): boolean {
  if (peer.ipBlock) {
    if (!('ip' in other)) return false;
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((cidr) => inCidr(other.ip, cidr));
  }
  if (!('pod' in other)) return false;
  const namespaceMatches = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, other.pod.namespaceLabels)
    : other.pod.namespace === policyNamespace;
  const podMatches = peer.podSelector ? selectorMatches(peer.podSelector, other.pod.labels) : true;
  return namespaceMatches && podMatches;
}

function portMatches(ports: INetworkPolicyPort[] | undefined, target: PortRef): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== (target.protocol ?? 'TCP')) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') throw new Error(`named port ${p.port}: not supported by this evaluator`);
    return p.endPort === undefined ? p.port === target.port : target.port >= p.port && target.port <= p.endPort;
  });
}

function policyTypes(policy: INetworkPolicy): Direction[] {
  if (policy.spec?.policyTypes) return policy.spec.policyTypes as Direction[];
  return policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function allows(
  policies: readonly INetworkPolicy[],
  direction: Direction,
  subject: PodRef,
  other: Peer,
  port: PortRef,
): boolean {
  const selecting = policies.filter(
    (policy) =>
      policy.metadata?.namespace === subject.namespace &&
      selectorMatches(policy.spec?.podSelector ?? {}, subject.labels) &&
      policyTypes(policy).includes(direction),
  );
  if (selecting.length === 0) return true;
  return selecting.some((policy) => {
    const rules =
      direction === 'Ingress'
        ? (policy.spec?.ingress ?? []).map((rule) => ({ peers: rule.from, ports: rule.ports }))
        : (policy.spec?.egress ?? []).map((rule) => ({ peers: rule.to, ports: rule.ports }));
    return rules.some(({ peers, ports }) => {
      const peerAllowed =
        !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, subject.namespace, other));
      return peerAllowed && portMatches(ports, port);
    });
  });
}

/** May `from` open a connection to pod `to` on `port`? Both ends' policies must allow it (egress there, ingress here). */
export function allowsConnection(policies: readonly INetworkPolicy[], from: Peer, to: Peer, port: PortRef): boolean {
  const egressOk = 'pod' in from ? allows(policies, 'Egress', from.pod, to, port) : true;
  const ingressOk = 'pod' in to ? allows(policies, 'Ingress', to.pod, from, port) : true;
  return egressOk && ingressOk;
}

/**
 * A world the tracer walks that builds a node's Linux model only when a walk reaches it: a
 * pod-to-internet walk builds one node, a pod-to-pod walk across nodes two, whatever the size
 * of the cluster. Built nodes come from a `NetworkSource`, which caches them by the node's
 * version (network-cache.ts), so stepping through a walk or re-running it rebuilds nothing.
 *
 * It answers exactly what the eager `buildWorld` would for the same nodes (the equivalence is
 * tested on the samples): EC2 says which node holds an address, and that node's own model
 * then decides which of its ENIs owns it, as the eager fabric does.
 */
import type { NodeNetworkInput } from '../linux/input.ts';
import type { NodeNetwork } from '../linux/model.ts';
import { mustCidr } from '../net/ipv4.ts';
import {
  eniOwns, fabricFacts, nodeFabricEnis, nodeIndexOfPublicIp, nodeNamespaces, type FabricEni, type FabricFacts, type NsRef, type Walkable, type WorldOptions,
} from './world.ts';

/** A node's model, the input it was built from, and its namespaces by id. */
export interface BuiltNode {
  net: NodeNetwork;
  input: NodeNetworkInput;
  namespaces: Map<string, NsRef>;
}

/** What a lazy world asks of the engine. */
export interface NetworkSource {
  vpcCidrs: readonly string[];
  /** The subnets' route tables, as `buildWorld` takes them. */
  world?: Pick<WorldOptions, 'subnets'>;
  /** Node names in the engine's order (the n-th node's public IP depends on n). */
  nodeNames(): readonly string[];
  /** One node, built (or taken from a cache); undefined when there is no such node. */
  network(node: string): BuiltNode | undefined;
  /** The node whose ENI holds an address as EC2 sees it (for a branch ENI, its trunk's node). */
  nodeHolding(ip: number): string | undefined;
  /** The node a pod is bound to. */
  podNode(namespace: string, name: string): string | undefined;
  /** Pods of that name in any namespace, with their nodes (a bare name must be unique). */
  podsNamed(name: string): { namespace: string; node: string }[];
  /** The fabric beyond the nodes: load balancers, VPC hosts, Services, the seed, time, affinity lists. */
  fabric?: Pick<WorldOptions, 'loadBalancers' | 'hosts' | 'services' | 'seed' | 'nowMs' | 'recentSeen'>;
}

export interface LazyWorld extends Walkable {
  /** Names of the nodes this world has built so far, in the order it built them. */
  built(): string[];
}

export function lazyWorld(source: NetworkSource): LazyWorld {
  const extra = source.fabric ?? {};
  const options: WorldOptions = { vpcCidrs: [...source.vpcCidrs], ...source.world, ...extra };
  const facts: FabricFacts = fabricFacts(options, source.vpcCidrs.map(mustCidr));
  const names = source.nodeNames();
  let position: Map<string, number> | undefined;
  const nodes = new Map<string, { built: BuiltNode; enis: FabricEni[] } | null>();

  const indexOf = (node: string) => {
    position ??= new Map(names.map((n, i) => [n, i]));
    return position.get(node) ?? -1;
  };

  function nodeEntry(name: string): { built: BuiltNode; enis: FabricEni[] } | undefined {
    const known = nodes.get(name);
    if (known !== undefined) return known ?? undefined;
    const i = indexOf(name);
    const built = i < 0 ? undefined : source.network(name);
    const entry = built ? { built, enis: nodeFabricEnis(built.net, i, options, built.input) } : null;
    nodes.set(name, entry);
    return entry ?? undefined;
  }

  const namespace = (id: string): NsRef | undefined => {
    const slash = id.indexOf('/');
    return nodeEntry(slash < 0 ? id : id.slice(0, slash))?.built.namespaces.get(id);
  };

  return {
    fabric: facts,
    seed: extra.seed ?? 1,
    nowMs: extra.nowMs ?? 0,
    ...(extra.recentSeen ? { recentSeen: extra.recentSeen } : {}),
    namespace,
    findEndpoint(name) {
      const parts = name.split('/');
      if (parts.length === 1) {
        if (indexOf(name) >= 0) return namespace(name);
        // A bare pod name: unique among pods with a namespace of their own.
        const hits = source.podsNamed(name).flatMap((p) => namespace(`${p.node}/${p.namespace}/${name}`) ?? []);
        return hits.length === 1 ? hits[0] : undefined;
      }
      if (parts.length === 2) {
        const at = source.podNode(parts[0], parts[1]);
        return at === undefined ? undefined : namespace(`${at}/${name}`);
      }
      return namespace(name);
    },
    enisOf: (name) => nodeEntry(name)?.enis ?? [],
    eniOwning(ip) {
      const holder = source.nodeHolding(ip);
      return holder === undefined ? undefined : nodeEntry(holder)?.enis.find((e) => eniOwns(e, ip));
    },
    eniWithPublicIp(ip) {
      const i = nodeIndexOfPublicIp(ip);
      const name = i >= 0 ? names[i] : undefined;
      return name === undefined ? undefined : nodeEntry(name)?.enis.find((e) => e.publicIp === ip);
    },
    built: () => [...nodes.entries()].flatMap(([n, e]) => (e ? [n] : [])),
  };
}

/** Builds a node's namespaces index alongside its model (what a `NetworkSource` caches). */
export function builtNode(net: NodeNetwork, input: NodeNetworkInput): BuiltNode {
  return { net, input, namespaces: nodeNamespaces(net) };
}

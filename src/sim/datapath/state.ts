/**
 * What traffic leaves on each node, kept between walks the way the kernel keeps it: per-rule
 * packet and byte counters (and built-in chains' policy counters), conntrack entries with
 * their timeouts counting down, and the `xt_recent` lists behind ClientIP session affinity.
 *
 * Counters are keyed by table, chain and the rule's `iptables -S` text, so they survive the
 * rebuilding of a node's model; a chain that kube-proxy has rewritten since a counter last
 * moved starts again from zero (`rewrittenAtMs`), as iptables-restore's flush does.
 */
import type { NetfilterTableName } from '../linux/model.ts';

export interface Counter {
  packets: number;
  bytes: number;
  /** When it last moved. */
  atMs: number;
}

/** A connection as traffic left it, with when it was last seen. */
export interface StoredConnection<E> {
  entry: E;
  lastSeenMs: number;
  /** Seconds the entry lives after its last packet. */
  timeoutS: number;
}

interface NodeState<E> {
  /** `table\0chain` → rule text ('' for the policy) → counter. */
  chains: Map<string, Map<string, Counter>>;
  conntrack: StoredConnection<E>[];
  /** list name → source address → last seen (ms). */
  recent: Map<string, Map<number, number>>;
}

const chainKey = (table: NetfilterTableName, chain: string) => `${table}\u0000${chain}`;

/** Most connections kept per node (the oldest go first), so a long scenario stays bounded. */
export const MAX_CONNECTIONS_PER_NODE = 20_000;

export class DatapathState<E> {
  private readonly nodes = new Map<string, NodeState<E>>();

  private node(name: string): NodeState<E> {
    let n = this.nodes.get(name);
    if (!n) this.nodes.set(name, (n = { chains: new Map(), conntrack: [], recent: new Map() }));
    return n;
  }

  /** Adds one packet of `bytes` to a rule's (or, with text '', a policy's) counter at `atMs`. */
  count(node: string, table: NetfilterTableName, chain: string, ruleText: string, bytes: number, atMs: number, rewrittenAtMs: number): void {
    const chains = this.node(node).chains;
    const key = chainKey(table, chain);
    let rules = chains.get(key);
    if (!rules) chains.set(key, (rules = new Map()));
    const c = rules.get(ruleText);
    if (!c || c.atMs < rewrittenAtMs) rules.set(ruleText, { packets: 1, bytes, atMs });
    else {
      c.packets++;
      c.bytes += bytes;
      c.atMs = atMs;
    }
  }

  /**
   * The counters of one chain as the kernel shows them now (those moved before the chain was
   * last rewritten read zero and are left out); undefined when none has moved.
   */
  chainCounters(node: string, table: NetfilterTableName, chain: string, rewrittenAtMs: number): Map<string, Counter> | undefined {
    const rules = this.nodes.get(node)?.chains.get(chainKey(table, chain));
    if (!rules) return undefined;
    const live = new Map<string, Counter>();
    for (const [text, c] of rules) if (c.atMs >= rewrittenAtMs) live.set(text, c);
    return live.size ? live : undefined;
  }

  /** `iptables [-t table] -Z [chain]` on one node (or every node). */
  zero(node: string | undefined, table?: NetfilterTableName, chain?: string): void {
    for (const [name, st] of this.nodes) {
      if (node !== undefined && name !== node) continue;
      for (const key of st.chains.keys()) {
        const [t, c] = key.split('\u0000');
        if ((table === undefined || t === table) && (chain === undefined || c === chain)) st.chains.delete(key);
      }
    }
  }

  /** Keeps a connection traffic created (replacing an entry with the same original tuple). */
  keepConnection(node: string, entry: E, sameAs: (a: E) => boolean, atMs: number, timeoutS: number): void {
    const st = this.node(node);
    const i = st.conntrack.findIndex((c) => sameAs(c.entry));
    const stored = { entry, lastSeenMs: atMs, timeoutS };
    if (i >= 0) st.conntrack.splice(i, 1);
    st.conntrack.push(stored);
    if (st.conntrack.length > MAX_CONNECTIONS_PER_NODE) st.conntrack.splice(0, st.conntrack.length - MAX_CONNECTIONS_PER_NODE);
  }

  /** The node's live connections at `nowMs` (expired ones are dropped), oldest first. */
  connections(node: string, nowMs: number): StoredConnection<E>[] {
    const st = this.nodes.get(node);
    if (!st) return [];
    st.conntrack = st.conntrack.filter((c) => c.lastSeenMs + c.timeoutS * 1000 > nowMs);
    return st.conntrack;
  }

  /** Drops the entries `pred` picks, on every node; the nodes that lost one. */
  dropConnections(pred: (e: E) => boolean): string[] {
    const nodes: string[] = [];
    for (const [name, st] of this.nodes) {
      const before = st.conntrack.length;
      st.conntrack = st.conntrack.filter((c) => !pred(c.entry));
      if (st.conntrack.length !== before) nodes.push(name);
    }
    return nodes;
  }

  /** Nodes traffic left something on. */
  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /** Whether traffic counted anything on the node's rules (since the last zeroing). */
  hasCounters(node: string): boolean {
    const st = this.nodes.get(node);
    if (!st) return false;
    for (const rules of st.chains.values()) if (rules.size > 0) return true;
    return false;
  }


  /** Was `ip` recorded in the node's `list` within the last `seconds` (xt_recent --rcheck --seconds)? */
  recentSeen(node: string, list: string, ip: number, seconds: number, nowMs: number): boolean {
    const at = this.nodes.get(node)?.recent.get(list)?.get(ip);
    return at !== undefined && nowMs - at <= seconds * 1000;
  }

  /** `-m recent --set`: records `ip` in the node's `list` at `nowMs`. */
  recentSet(node: string, list: string, ip: number, nowMs: number): void {
    const lists = this.node(node).recent;
    let l = lists.get(list);
    if (!l) lists.set(list, (l = new Map()));
    l.set(ip, nowMs);
  }

  /** Forgets a node (it left the cluster). */
  removeNode(node: string): void {
    this.nodes.delete(node);
  }
}

/**
 * Built node networks, kept by node and version: a node's Linux model is built once per
 * change of that node and reused by every text view and packet walk until it changes again.
 * Least recently used nodes are dropped past `limit` (a 2,000-rule node is a few hundred KB).
 */
import { buildNodeNetwork } from '../linux/build.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import { builtNode, type BuiltNode } from './lazy-world.ts';

export class NetworkCache {
  private readonly entries = new Map<string, { owner: unknown; version: number; node: BuiltNode }>();
  /** How many models were built (what the cache saves shows here). */
  builds = 0;

  constructor(private readonly limit = 48) {}

  /**
   * The node's network at `version` for `owner` (the simulation: versions are per engine),
   * built from `input()` on a miss; undefined when there is no input (no such node).
   */
  get(owner: unknown, node: string, version: number, input: () => NodeNetworkInput | undefined): BuiltNode | undefined {
    const hit = this.entries.get(node);
    if (hit && hit.owner === owner && hit.version === version) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(node);
      this.entries.set(node, hit);
      return hit.node;
    }
    const made = input();
    if (!made) return undefined;
    const built = builtNode(buildNodeNetwork(made), made);
    this.builds++;
    this.entries.delete(node);
    this.entries.set(node, { owner, version, node: built });
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    return built;
  }

  clear(): void {
    this.entries.clear();
  }
}

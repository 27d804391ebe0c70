/**
 * The views of one collection of engine objects (nodes, pods, deployments or subnets), kept
 * up to date by dirty marking: a mutation point marks a key stale, and the next read rebuilds
 * only the stale keys. Each rebuilt view gets a new version number (never reused, so a node
 * removed and added again under the same name is a new version).
 *
 * Once a reader has taken a first delta, the collection also keeps a journal of what changed
 * since the last delta: keys whose view changed, keys added (in the order they joined the
 * engine's collection) and ids removed. The engine's collections only ever append and delete
 * (JavaScript Map order), so "remove these, replace those in place, append the new ones at the
 * end" reproduces the engine's order exactly, and no order array needs to cross the boundary.
 */

export interface ViewChanges<V> {
  /** Views of objects that changed in place, then views of new objects in their order. */
  changed: V[];
  /** Ids of objects the reader knew that are gone. */
  removed: string[];
}

/** The marking half of a collection's views, what mutation points call. */
export interface ViewMarks {
  mark(key: string): void;
  added(key: string): void;
  removed(key: string, id: string): void;
}

export class TrackedViews<O, V> implements ViewMarks {
  private readonly views = new Map<string, V>();
  private readonly versions = new Map<string, number>();
  private stale = new Set<string>();
  private tracking = false;
  private readonly changedSince = new Set<string>();
  private readonly addedSince = new Set<string>();
  private readonly removedSince = new Set<string>();
  private nextVersion = 1;

  /**
   * @param source the engine's live collection, in its order
   * @param build makes the view of one object; `version` is the number the view will carry
   */
  constructor(
    private readonly source: ReadonlyMap<string, O>,
    private readonly build: (object: O, key: string, version: number) => V,
  ) {}

  /** The view of an existing object changed. */
  mark(key: string): void {
    this.stale.add(key);
  }

  /** A new object joined the collection. */
  added(key: string): void {
    this.stale.add(key);
    if (!this.tracking) return;
    // Delete first: a key removed and added again in one batch moves to the end, as in a Map.
    this.addedSince.delete(key);
    this.addedSince.add(key);
  }

  /** An object left the collection; `id` is the id the reader knows it by. */
  removed(key: string, id: string): void {
    this.stale.add(key);
    if (!this.tracking) return;
    // Added and removed within one batch: the reader never saw it.
    if (!this.addedSince.delete(key)) this.removedSince.add(id);
  }

  /** Rebuilds the stale views: the cost of a read grows with what changed, not with the world. */
  refresh(): void {
    if (this.stale.size === 0) return;
    const stale = this.stale;
    this.stale = new Set();
    for (const key of stale) this.rebuild(key);
  }

  /** Views still to rebuild. */
  get staleCount(): number {
    return this.stale.size;
  }

  /** Rebuilds at most `max` stale views (a loader's slice); `refresh` is all of them. */
  refreshSome(max: number): void {
    let n = 0;
    for (const key of this.stale) {
      if (n++ >= max) return;
      this.stale.delete(key);
      this.rebuild(key);
    }
  }

  private rebuild(key: string): void {
    const object = this.source.get(key);
    if (object === undefined) {
      this.views.delete(key);
      this.versions.delete(key);
    } else {
      const version = this.nextVersion++;
      this.views.set(key, this.build(object, key, version));
      this.versions.set(key, version);
    }
    if (this.tracking) this.changedSince.add(key);
  }

  get(key: string): V | undefined {
    this.refresh();
    return this.views.get(key);
  }

  /** The version of a key's current view; undefined when there is no such object. */
  version(key: string): number | undefined {
    this.refresh();
    return this.versions.get(key);
  }

  /** The version of a key's view as last built, without rebuilding anything. */
  builtVersion(key: string): number | undefined {
    return this.versions.get(key);
  }

  /** Every view, in the engine's order. */
  list(): V[] {
    this.refresh();
    const out: V[] = [];
    for (const [key, object] of this.source) {
      let view = this.views.get(key);
      if (view === undefined) {
        // A mutation point that forgot to report an addition; build the view rather than fail
        // (the delta property test is what finds such a forgotten mark).
        const version = this.nextVersion++;
        view = this.build(object, key, version);
        this.views.set(key, view);
        this.versions.set(key, version);
      }
      out.push(view);
    }
    return out;
  }

  /** What changed since the previous `take` (or `takeAll`), then starts a new batch. */
  take(): ViewChanges<V> {
    this.refresh();
    const changed: V[] = [];
    for (const key of this.changedSince) {
      if (this.addedSince.has(key)) continue;
      const view = this.views.get(key);
      if (view !== undefined) changed.push(view);
    }
    for (const key of this.addedSince) {
      const view = this.views.get(key);
      if (view !== undefined) changed.push(view);
    }
    const removed = [...this.removedSince];
    this.clearJournal();
    return { changed, removed };
  }

  /** Every view (a reader starting over), and journal from here on. */
  takeAll(): V[] {
    const all = this.list();
    this.clearJournal();
    return all;
  }

  private clearJournal(): void {
    this.tracking = true;
    this.changedSince.clear();
    this.addedSince.clear();
    this.removedSince.clear();
  }
}

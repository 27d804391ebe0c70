/**
 * Where the engine's parts report what they changed: dirty marking at the mutation points,
 * so the engine can rebuild (and the worker send) only the views of objects that changed,
 * instead of rebuilding and diffing the whole world on every tick.
 */

/** The kinds of object the engine keeps a view of. */
export type ObjectKind = 'node' | 'pod' | 'deployment' | 'subnet';

export interface ChangeSink {
  /** The view of an existing object (by its engine key: node name, `namespace/name`, subnet id) changed. */
  changed(kind: ObjectKind, key: string): void;
  /** A new object joined its collection (at the end of the collection's order). */
  added(kind: ObjectKind, key: string): void;
  /** An object left its collection; `id` is what the outside world knows it by (a pod's uid). */
  removed(kind: ObjectKind, key: string, id: string): void;
}

/** A sink for parts used on their own (tests): records nothing. */
export const IGNORE_CHANGES: ChangeSink = { changed() {}, added() {}, removed() {} };

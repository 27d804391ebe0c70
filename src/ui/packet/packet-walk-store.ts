/**
 * What the packet walk panel shows: open or not, the chosen endpoints, and whether the user
 * is picking one on the map. A small store of its own (not a slice of the app store) so the
 * top-bar button, the pod inspector's "send a packet from here" and the panel share it
 * without touching the app's slices; made once per page, like the worker.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { WalkLink, WalkView } from '../links/view-state.ts';
import { CHECK_SELECTORS, checkedSelector } from '../store/checked-selector.ts';
import type { MapPacket } from './map-layer.ts';

export type Proto = 'icmp' | 'tcp' | 'udp';

export interface PacketWalkState {
  open: boolean;
  from: string;
  /** A trace point id or a typed IPv4 address. */
  to: string;
  proto: Proto;
  port: string;
  /** Picking an endpoint by clicking a pod in the picture. */
  picking?: 'from' | 'to';
  /** A walk from a shared link still to run, then seek to this hop (1-based). */
  pendingHop?: number;
  /** The walk on screen and its shown hop, for the share link; absent with no walk shown. */
  shown?: WalkLink;
  /** Where the walk is shown: on the cluster picture (the panel docks beside it) or inside the node. */
  view: WalkView;
  /** The camera follows the packet on the map; off once the user pans or zooms by hand. */
  follow: boolean;
  /** The packets the cluster picture draws, the one followed and the shared hop; absent with no walk. */
  map?: { packets: MapPacket[]; active: number; index: number };
  show(patch?: Partial<Pick<PacketWalkState, 'from' | 'to' | 'proto' | 'port'>>): void;
  close(): void;
  set(patch: Partial<Pick<PacketWalkState, 'from' | 'to' | 'proto' | 'port' | 'picking' | 'pendingHop' | 'shown' | 'view' | 'map' | 'follow'>>): void;
  /** Opens the panel on a shared walk: it runs (once the scenario is loaded) and seeks to its hop. */
  openLink(walk: WalkLink): void;
}

export function createPacketWalkStore(link?: WalkLink) {
  return createStore<PacketWalkState>()((set) => ({
    open: false,
    from: '',
    to: 'external',
    proto: 'tcp',
    port: '443',
    view: 'node',
    follow: true,
    show: (patch = {}) => set({ ...patch, open: true, picking: undefined }),
    close: () => set({ open: false, picking: undefined, pendingHop: undefined, shown: undefined, map: undefined }),
    set: (patch) => set(patch),
    openLink: ({ from, to, proto, port, hop, view }) => set({ open: true, picking: undefined, from, to, proto, port, pendingHop: hop, shown: undefined, view: view ?? 'node' }),
    ...(link ? { open: true, from: link.from, to: link.to, proto: link.proto, port: link.port, pendingHop: link.hop, view: link.view ?? 'node' } : {}),
  }));
}

/** Made once per page; a link's walk is handed over with `openLink` once its scenario is loaded (links/open-link.ts). */
export const packetWalkStore = createPacketWalkStore();

export function usePacketWalk<T>(selector: (s: PacketWalkState) => T): T {
  return useStore(packetWalkStore, CHECK_SELECTORS ? checkedSelector(selector, 'usePacketWalk') : selector);
}

/**
 * What the packet walk panel shows: open or not, the chosen endpoints, and whether the user
 * is picking one on the map. A small store of its own (not a slice of the app store) so the
 * top-bar button, the pod inspector's "send a packet from here" and the panel share it
 * without touching the app's slices; made once per page, like the worker.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

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
  show(patch?: Partial<Pick<PacketWalkState, 'from' | 'to' | 'proto' | 'port'>>): void;
  close(): void;
  set(patch: Partial<Pick<PacketWalkState, 'from' | 'to' | 'proto' | 'port' | 'picking'>>): void;
}

export function createPacketWalkStore() {
  return createStore<PacketWalkState>()((set) => ({
    open: false,
    from: '',
    to: 'external',
    proto: 'tcp',
    port: '443',
    show: (patch = {}) => set({ ...patch, open: true, picking: undefined }),
    close: () => set({ open: false, picking: undefined }),
    set: (patch) => set(patch),
  }));
}

export const packetWalkStore = createPacketWalkStore();

export function usePacketWalk<T>(selector: (s: PacketWalkState) => T): T {
  return useStore(packetWalkStore, selector);
}

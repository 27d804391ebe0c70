/**
 * The hop list's and tool panel's words for a hop's step and direction, as catalogue ids. The
 * kernel's own names (netfilter, conntrack, rp_filter, ip rule, ipvs) read the same in every language.
 */
import type { Direction, HopStep } from '../../sim/trace/hop.ts';

export const STEP_WORD: Readonly<Record<HopStep, string>> = {
  send: 'walk.step.send',
  netfilter: 'walk.step.netfilter',
  conntrack: 'walk.step.conntrack',
  'ip-rule': 'walk.step.ipRule',
  ipvs: 'walk.step.ipvs',
  route: 'walk.step.route',
  rp_filter: 'walk.step.rpFilter',
  forward: 'walk.step.forward',
  neighbour: 'walk.step.neighbour',
  transmit: 'walk.step.transmit',
  fabric: 'walk.step.fabric',
  deliver: 'walk.step.deliver',
  drop: 'walk.step.drop',
};

export const DIRECTION_WORD: Readonly<Record<Direction, string>> = {
  request: 'walk.direction.request',
  reply: 'walk.direction.reply',
};

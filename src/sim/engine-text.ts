/**
 * The engine's explanations (ipamd, the VPC resource controller, packet-walk hops) as a
 * message id and its values, given next to the English sentence (`message`, `note`) that the
 * CLI prints and the tests read. The UI shows them in the reader's language
 * (src/ui/i18n/content/<lang>.po, ids `sim.*`); the values are names, addresses and numbers,
 * inserted as they are. A value may itself be a text (a reason inside a decision).
 */

/** Every id the engine can give: the content catalogue has each in every language (tested). */
export const ENGINE_TEXT_IDS = [
  'sim.ipamd.exitedEntrypoint', 'sim.ipamd.exitedIpamd', 'sim.ipamd.startedSecondary', 'sim.ipamd.startedPrefix',
  'sim.ipamd.pdIgnored', 'sim.ipamd.ipv6NotModelled', 'sim.ipamd.cordoned', 'sim.ipamd.schedulable',
  'sim.ipamd.noRoomSubnetFull', 'sim.ipamd.eniLimitReached', 'sim.ipamd.noTrunkSlot', 'sim.ipamd.sgpEnabled',
  'sim.ipamd.trunkFound', 'sim.ipamd.releaseInactiveIps', 'sim.ipamd.releaseInactivePrefixes',
  'sim.ipamd.assignSkipped', 'sim.ipamd.assigned', 'sim.ipamd.assignInsufficient', 'sim.ipamd.assignFailed',
  'sim.ipamd.readBack', 'sim.ipamd.unassign', 'sim.ipamd.noEniConfig', 'sim.ipamd.createInsufficient',
  'sim.ipamd.createFailed', 'sim.ipamd.createRefused', 'sim.ipamd.attachFailed', 'sim.ipamd.eniCreated',
  'sim.ipamd.eniSurplus', 'sim.ipamd.envChanged', 'sim.ipamd.envRemoved', 'sim.ipamd.launchFailed',
  'sim.got.ips', 'sim.got.ipCount', 'sim.got.prefixes', 'sim.got.prefixCount',
  'sim.pool.maxPods', 'sim.pool.shortIps', 'sim.pool.shortPrefixes', 'sim.pool.notShort', 'sim.pool.zeroTarget',
  'sim.pool.warmTarget', 'sim.pool.overIps', 'sim.pool.overPrefixes', 'sim.pool.freePrefixes', 'sim.pool.eniTargetNeverReleases',
  'sim.pool.vsWarm', 'sim.pool.vsMinimum', 'sim.pool.vsBoth',
  'sim.rc.creatingTrunk', 'sim.rc.trunkAttachFailed', 'sim.rc.trunkAttached', 'sim.rc.branchWaits', 'sim.rc.branchFailed',
  'sim.rc.branchAssociated', 'sim.rc.podGone', 'sim.rc.deleteGaveUp', 'sim.rc.branchDeleted',
  'sim.hop.deliverInternet', 'sim.hop.deliverHost', 'sim.hop.arrives', 'sim.hop.deliverPod', 'sim.hop.deliverNode',
  'sim.hop.loop', 'sim.hop.hostSends', 'sim.hop.internetSends', 'sim.hop.noPeer', 'sim.hop.neighStatic',
  'sim.hop.neighLearned', 'sim.hop.arpPeer', 'sim.hop.crossesVeth', 'sim.hop.notConnected', 'sim.hop.neighTable',
  'sim.hop.arpVpc', 'sim.hop.leaves', 'sim.hop.chainDrops', 'sim.hop.noRuleMatched', 'sim.hop.unchanged',
  'sim.hop.both', 'sim.hop.srcRewritten', 'sim.hop.portChanged', 'sim.hop.randomPort', 'sim.hop.dstRewritten',
  'sim.hop.markNow', 'sim.hop.connmark', 'sim.hop.forwarded', 'sim.hop.conntrackReverses', 'sim.hop.sourceChosen',
  'sim.hop.ruleToTable', 'sim.hop.localAddress', 'sim.hop.outOf', 'sim.hop.outOfVia', 'sim.hop.droppedIn',
  'sim.hop.noRoute', 'sim.hop.routeType', 'sim.hop.noForwarding', 'sim.hop.srcDstCheck', 'sim.hop.vpcDeliversHost',
  'sim.hop.noOwner', 'sim.hop.vpcDeliversEni', 'sim.hop.routeTableOf', 'sim.hop.noDefaultRoute', 'sim.hop.subnetToNat',
  'sim.hop.noPublicIp', 'sim.hop.igwMaps', 'sim.hop.tableToNat', 'sim.hop.natTranslates', 'sim.hop.natToEip',
  'sim.hop.eipBack', 'sim.hop.natReplyBack', 'sim.hop.natReplyPrivate', 'sim.hop.notPublic', 'sim.hop.igwBack',
  'sim.hop.martian', 'sim.hop.rpNoRoute', 'sim.hop.rpNoAddress', 'sim.hop.rpStrict', 'sim.hop.earlyDemux', 'sim.hop.demuxFixTcp', 'sim.hop.demuxFixUdp',
  'sim.lb.alb503', 'sim.lb.noTargets', 'sim.lb.noTargetInZone', 'sim.lb.provisioning', 'sim.lb.noListener', 'sim.lb.forcedTarget',
  'sim.lb.albProxies', 'sim.lb.clientKept', 'sim.lb.nlbSource', 'sim.lb.forwards', 'sim.lb.failOpen', 'sim.lb.replyBack',
  'sim.traffic.sent', 'sim.traffic.landed', 'sim.traffic.lost', 'sim.ipamd.logThen',
  'sim.hop.markStaysVeth', 'sim.hop.markStaysNode', 'sim.hop.ipvsReplyBack', 'sim.hop.routeAgain', 'sim.hop.ruleToTableBecause',
  'sim.ipvs.noRealServer', 'sim.ipvs.picks', 'sim.ipvs.persistent', 'sim.ipvs.scheduled', 'sim.ipvs.routeByDestination',
  'sim.warning.ipamdExits', 'sim.warning.crashLoop', 'sim.warning.ipv6', 'sim.warning.maxPods', 'sim.warning.maxPodsPending',
  'sim.warning.eniLimit', 'sim.warning.noBlock', 'sim.warning.noAddress', 'sim.warning.throttled', 'sim.warning.noIp',
] as const;

export type EngineTextId = (typeof ENGINE_TEXT_IDS)[number];

export type EngineTextValue = string | number | EngineText;

export interface EngineText {
  readonly id: EngineTextId;
  readonly values?: Readonly<Record<string, EngineTextValue>>;
}

/** A text: its id and values. */
export function et(id: EngineTextId, values?: Record<string, EngineTextValue>): EngineText {
  return values ? { id, values } : { id };
}

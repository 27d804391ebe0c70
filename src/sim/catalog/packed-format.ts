/**
 * The catalogue's compact text format, shared by the generator (scripts/build-catalog.ts)
 * and the runtime decoder so the two cannot drift apart.
 *
 * One line per type, fields separated by one space:
 *
 *     <name> <enis> <ipv4PerEni> <flags> <branchInterfaces> <vcpus|?> [cards]
 *
 * flags: first character is the hypervisor (`n` nitro, `x` xen, `-` unknown), then `m` if
 * bare metal and `t` if trunking compatible. cards is omitted for the common case (one card,
 * index 0, holding `enis` ENIs, default 0); `*N` means N cards indexed 0..N-1 each holding
 * `enis` ENIs; otherwise an explicit list `index:maxEnis,…`. A suffix `@d` names a default
 * card other than 0. Text rather than JSON or objects because it is about a third of the size
 * before gzip and parses in well under a millisecond.
 */
import type { Hypervisor, InstanceTypeInfo, NetworkCard } from './instance-type.ts';

const HYPERVISOR_CODE: Record<Hypervisor, string> = { nitro: 'n', xen: 'x', '': '-' };

/** Encodes one type as a line of the packed format. */
export function encodeInstanceType(t: InstanceTypeInfo): string {
  const flags = HYPERVISOR_CODE[t.hypervisor] + (t.bareMetal ? 'm' : '') + (t.trunkingCompatible ? 't' : '');
  const fields = [t.name, t.enis, t.ipv4PerEni, flags, t.branchInterfaces, t.vcpus ?? '?'];
  const cards = encodeCards(t);
  if (cards) fields.push(cards);
  return fields.join(' ');
}

function encodeCards(t: InstanceTypeInfo): string {
  const def = t.defaultNetworkCardIndex === 0 ? '' : `@${t.defaultNetworkCardIndex}`;
  const uniform = t.networkCards.every((c, i) => c.index === i && c.maxEnis === t.enis);
  if (uniform && t.networkCards.length === 1) return def;
  if (uniform && t.networkCards.length > 1) return `*${t.networkCards.length}${def}`;
  return t.networkCards.map((c) => `${c.index}:${c.maxEnis}`).join(',') + def;
}

/** Decodes one line; throws on a malformed line (the data module is generated, so that is a bug). */
export function decodeInstanceType(line: string): InstanceTypeInfo {
  const f = line.split(' ');
  if (f.length < 6 || f.length > 7) throw new Error(`bad catalogue line: ${line}`);
  const [name, enisText, ipv4Text, flags, branchText, vcpuText, cardsText = ''] = f;
  const enis = Number(enisText);
  const hypervisor: Hypervisor = flags[0] === 'n' ? 'nitro' : flags[0] === 'x' ? 'xen' : '';
  const [cardList, defText] = cardsText.split('@');
  const info: InstanceTypeInfo = {
    name,
    enis,
    ipv4PerEni: Number(ipv4Text),
    networkCards: decodeCards(cardList, enis),
    defaultNetworkCardIndex: defText === undefined ? 0 : Number(defText),
    hypervisor,
    bareMetal: flags.includes('m'),
    trunkingCompatible: flags.includes('t'),
    branchInterfaces: Number(branchText),
  };
  return vcpuText === '?' ? info : { ...info, vcpus: Number(vcpuText) };
}

function decodeCards(text: string, enis: number): NetworkCard[] {
  if (text === '') return [{ index: 0, maxEnis: enis }];
  if (text.startsWith('*')) {
    return Array.from({ length: Number(text.slice(1)) }, (_, index) => ({ index, maxEnis: enis }));
  }
  return text.split(',').map((pair) => {
    const [index, maxEnis] = pair.split(':').map(Number);
    return { index, maxEnis };
  });
}

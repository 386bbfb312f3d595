// The packet panel's fields, before and after a step, and which of them the step changed.
import type { Packet } from '../../engine/netfilter/index.ts';

export type PacketField = 'proto' | 'src' | 'sport' | 'dst' | 'dport' | 'flags' | 'mark' | 'ctstate';

export interface FieldDiff {
  readonly field: PacketField;
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
}

function fields(p: Packet, ctstate: string | null): Record<PacketField, string> {
  const icmp = p.proto === 'icmp' || p.proto === 'icmpv6';
  return {
    proto: p.proto,
    src: p.src,
    sport: icmp ? `id ${p.sport}` : String(p.sport),
    dst: p.dst,
    dport: icmp ? `type ${p.icmpType ?? 0} code ${p.icmpCode ?? 0}` : String(p.dport),
    flags: p.tcpFlags?.join(',') ?? '',
    mark: `0x${p.mark.toString(16)}`,
    ctstate: ctstate ?? '',
  };
}

const ORDER: readonly PacketField[] = ['proto', 'src', 'sport', 'dst', 'dport', 'flags', 'mark', 'ctstate'];

export function packetDiff(before: Packet, after: Packet, ctBefore: string | null, ctAfter: string | null): FieldDiff[] {
  const a = fields(before, ctBefore);
  const b = fields(after, ctAfter);
  return ORDER.filter((f) => a[f] !== '' || b[f] !== '').map((field) => ({ field, before: a[field], after: b[field], changed: a[field] !== b[field] }));
}

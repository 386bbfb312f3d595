// The scheduler interface (include/net/ip_vs.h struct ip_vs_scheduler): per-service state made
// when the service is set up or its destinations change, and a schedule() that picks the
// destination of a NEW connection. Pure: the state goes in and a new one comes out.
import type { ParsedIP } from '../../../shared/ip.ts';
import type { IpvsDest, IpvsService } from '../ipvsService.ts';

export interface SchedulePacket {
  readonly src: ParsedIP;
  readonly sport: number;
  readonly dst: ParsedIP;
  readonly dport: number;
}

export interface ScheduleResult<S> {
  /** Index into svc.dests, or null: "no destination available" (the client gets ICMP unreachable). */
  readonly dest: number | null;
  readonly state: S;
}

export interface IpvsScheduler<S = unknown> {
  readonly name: string;
  /** init_service / update_service: state for the current destination list. */
  init(svc: IpvsService): S;
  schedule(svc: IpvsService, state: S, pkt: SchedulePacket): ScheduleResult<S>;
}

/** IP_VS_DEST_F_OVERLOAD or weight 0: a destination no new connection may use. */
export function isUnavailable(d: { readonly weight: number; readonly overloaded: boolean }): boolean {
  return d.weight <= 0 || d.overloaded;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The loop ip_vs_wlc.c and ip_vs_sed.c share, with their own overhead: the first available dest,
 * then any later one that is not overloaded with a smaller overhead per weight, compared without
 * division as loh * w_dest > doh * w_least (a later dest of weight 0 never wins; a tie keeps the
 * earlier). null when no dest is available.
 */
export function leastOverheadPerWeight(svc: IpvsService, overhead: (d: IpvsDest) => number): number | null {
  const first = svc.dests.findIndex((d) => !isUnavailable(d));
  if (first < 0) return null;
  let least = first;
  let loh = overhead(svc.dests[first]!);
  for (let i = first + 1; i < svc.dests.length; i++) {
    const d = svc.dests[i]!;
    if (d.overloaded) continue;
    const doh = overhead(d);
    if (loh * d.weight > doh * svc.dests[least]!.weight) {
      least = i;
      loh = doh;
    }
  }
  return least;
}

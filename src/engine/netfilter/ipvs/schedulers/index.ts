// The IPVS schedulers the lab implements, by the name ipvsadm -s takes.
import { dhScheduler } from './dhScheduler.ts';
import { foScheduler } from './foScheduler.ts';
import { lcScheduler } from './lcScheduler.ts';
import { mhScheduler } from './mhScheduler.ts';
import { nqScheduler } from './nqScheduler.ts';
import { ovfScheduler } from './ovfScheduler.ts';
import { rrScheduler } from './rrScheduler.ts';
import type { IpvsScheduler } from './scheduler.ts';
import { sedScheduler } from './sedScheduler.ts';
import { shScheduler } from './shScheduler.ts';
import { wlcScheduler } from './wlcScheduler.ts';
import { wrrScheduler } from './wrrScheduler.ts';

export * from './scheduler.ts';
export { rrScheduler, wrrScheduler, lcScheduler, wlcScheduler, sedScheduler, nqScheduler, foScheduler, ovfScheduler, shScheduler, dhScheduler, mhScheduler };

export const SCHEDULERS: Readonly<Record<string, IpvsScheduler<unknown>>> = {
  rr: rrScheduler as IpvsScheduler<unknown>,
  wrr: wrrScheduler as IpvsScheduler<unknown>,
  lc: lcScheduler as IpvsScheduler<unknown>,
  wlc: wlcScheduler as IpvsScheduler<unknown>,
  sed: sedScheduler as IpvsScheduler<unknown>,
  nq: nqScheduler as IpvsScheduler<unknown>,
  fo: foScheduler as IpvsScheduler<unknown>,
  ovf: ovfScheduler as IpvsScheduler<unknown>,
  sh: shScheduler as IpvsScheduler<unknown>,
  dh: dhScheduler as IpvsScheduler<unknown>,
  mh: mhScheduler as IpvsScheduler<unknown>,
};

/** The scheduler module for `name`, or null (lblc, lblcr and twos are not modelled). */
export function schedulerFor(name: string): IpvsScheduler<unknown> | null {
  return SCHEDULERS[name] ?? null;
}

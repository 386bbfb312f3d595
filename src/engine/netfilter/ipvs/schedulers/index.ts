// The IPVS schedulers the lab implements, by the name ipvsadm -s takes.
import { dhScheduler } from './dhScheduler.ts';
import { lcScheduler } from './lcScheduler.ts';
import { mhScheduler } from './mhScheduler.ts';
import { rrScheduler } from './rrScheduler.ts';
import type { IpvsScheduler } from './scheduler.ts';
import { shScheduler } from './shScheduler.ts';
import { wlcScheduler } from './wlcScheduler.ts';
import { wrrScheduler } from './wrrScheduler.ts';

export * from './scheduler.ts';
export { rrScheduler, wrrScheduler, lcScheduler, wlcScheduler, shScheduler, dhScheduler, mhScheduler };

export const SCHEDULERS: Readonly<Record<string, IpvsScheduler<unknown>>> = {
  rr: rrScheduler as IpvsScheduler<unknown>,
  wrr: wrrScheduler as IpvsScheduler<unknown>,
  lc: lcScheduler as IpvsScheduler<unknown>,
  wlc: wlcScheduler as IpvsScheduler<unknown>,
  sh: shScheduler as IpvsScheduler<unknown>,
  dh: dhScheduler as IpvsScheduler<unknown>,
  mh: mhScheduler as IpvsScheduler<unknown>,
};

/** The scheduler module for `name`, or null (sed, nq, lblc, lblcr, fo, ovf, twos are not modelled). */
export function schedulerFor(name: string): IpvsScheduler<unknown> | null {
  return SCHEDULERS[name] ?? null;
}

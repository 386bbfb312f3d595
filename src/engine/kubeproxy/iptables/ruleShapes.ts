// The rule shapes that make up nearly all of a large ruleset, kept as small objects that render
// both of their text forms on demand: kube-proxy's restore words (`spec`) and the line
// `iptables-save` prints (`pushSaved`, as pieces a renderer joins once per chain: a template
// literal per line left ~8 rope nodes of garbage per rule). At 10k Services × 10 endpoints, 310k of the 324k rules are
// an endpoint jump, a hairpin mark or a DNAT, plus one ClusterIP capture per Service; holding two
// strings per rule made the ruleset most of the heap and its garbage collection most of the time.
//
// The kernel gives a rule back in iptables' canonical order (research §14): `[!] -s/-d ADDR/len`,
// `-i/-o`, `-p`, then each `-m` module in the order the rule loaded it, then `-j` with its
// options. ruleShapes.test.ts checks that every saved line equals the generic path (saveRuleText
// over the restore words) on every vector and on generated clusters, so the two cannot drift.
import type { IPFamily } from '../../shared/ip.ts';
import type { EndpointInfo } from '../types.ts';
import type { IptablesRule, RuleProvenance } from './ruleset.ts';
import { hostSuffix, quantizedProbability, quote } from './renderSave.ts';

const quantized = new Map<string, string>();

/** libxt_statistic's printed probability for kube-proxy's `%0.10f` text (a handful of distinct values: cached). */
function savedProbability(p: string): string {
  let q = quantized.get(p);
  if (q === undefined) quantized.set(p, (q = quantizedProbability(p)));
  return q;
}

/** ` -m comment --comment "TEXT"` as pieces. */
function pushComment(parts: string[], text: string | null): void {
  if (text !== null) parts.push(' -m comment --comment ', quote(text));
}

/**
 * A string per (comment or not, probability text; '' for the last endpoint), built once: the
 * stretch of an endpoint jump between its endpoint and its KUBE-SEP target.
 */
function byProbability(build: (comment: boolean, probability: string | null) => string) {
  const caches = [new Map<string, string>(), new Map<string, string>()] as const;
  return (comment: boolean, probability: string | null): string => {
    const cache = caches[comment ? 1 : 0];
    const k = probability ?? '';
    let m = cache.get(k);
    if (m === undefined) cache.set(k, (m = build(comment, probability)));
    return m;
  };
}

/** Saved form: `"` (closing the comment), the statistic match, ` -j `. */
const jumpMiddle = byProbability((comment, p) =>
  [comment ? '"' : '', p === null ? '' : ` -m statistic --mode random --probability ${savedProbability(p)}`, ' -j '].join(''));

/** Restore form: `" ` (closing the comment), the statistic match, `-j `. */
const restoreJumpMiddle = byProbability((comment, p) =>
  [comment ? '" ' : '', p === null ? '' : `-m statistic --mode random --probability ${p} `, '-j '].join(''));

/** A rule's words from pieces, as one string. */
function joined(push: (parts: string[]) => void): string {
  const parts: string[] = [];
  push(parts);
  return parts.join('');
}

/**
 * What every endpoint rule of one service port shares: its name (the comment, null in
 * large-cluster mode) and protocol, with the constant stretches of the saved lines built once per
 * service port, so a rule prints in ~5 pieces instead of ~11.
 */
export class ServicePortText {
  private hairpin?: string;
  private dnat?: string;
  private restoreJump?: string;
  private restoreHairpin?: string;
  private restoreDnat?: string;
  private restoreDnatTail?: string;
  private readonly jumps = new Map<string, string>();

  constructor(
    /** The comment kube-proxy writes, `ns/name:port`; null when per-endpoint comments are off. */
    readonly servicePort: string | null,
    /** Lower-case protocol, as the `-m`/`-p` words. */
    readonly protocol: string,
    /** The service port's own provenance (ServicePortName and Service). */
    readonly base: RuleProvenance,
  ) {}

  /**
   * An endpoint rule's provenance, made when asked (the UI links a few hundred visible lines; a
   * 10k-Service sync no longer holds 100k of these objects).
   */
  endpointProvenance(ep: EndpointInfo): RuleProvenance {
    const p: { -readonly [K in keyof RuleProvenance]: RuleProvenance[K] } = { servicePort: this.base.servicePort, endpoint: ep.endpoint };
    if (this.base.service) p.service = this.base.service;
    if (ep.sliceKey) p.endpointSlice = ep.sliceKey;
    return p;
  }

  /** Restore form: `-m comment --comment "S -> ` (only with a comment). */
  restoreJumpPrefix(): string {
    return (this.restoreJump ??= ['-m comment --comment "', this.servicePort ?? '', ' -> '].join(''));
  }

  /** Restore form: `[-m comment --comment S ]-s ` */
  restoreHairpinHead(): string {
    return (this.restoreHairpin ??= [this.servicePort === null ? '' : `-m comment --comment ${this.servicePort} `, '-s '].join(''));
  }

  /** Restore form: `[-m comment --comment S ]` */
  restoreDnatHead(): string {
    return (this.restoreDnat ??= this.servicePort === null ? '' : `-m comment --comment ${this.servicePort} `);
  }

  /** Restore form: `-m PROTO -p PROTO -j DNAT --to-destination ` */
  restoreDnatMiddle(): string {
    return (this.restoreDnatTail ??= ['-m ', this.protocol, ' -p ', this.protocol, ' -j DNAT --to-destination '].join(''));
  }

  /** `-A CHAIN[ -m comment --comment "S -> ` */
  jumpPrefix(chain: string): string {
    let p = this.jumps.get(chain);
    if (p === undefined) this.jumps.set(chain, (p = ['-A ', chain, this.servicePort === null ? '' : ` -m comment --comment "${this.servicePort} -> `].join('')));
    return p;
  }

  /** `[ -m comment --comment "S"] -j MARK_CHAIN` */
  hairpinTail(markChain: string): string {
    return (this.hairpin ??= [this.servicePort === null ? '' : ` -m comment --comment ${quote(this.servicePort)}`, ' -j ', markChain].join(''));
  }

  /** ` -p PROTO[ -m comment --comment "S"] -m PROTO -j DNAT --to-destination ` */
  dnatMiddle(): string {
    const c = this.servicePort === null ? '' : ` -m comment --comment ${quote(this.servicePort)}`;
    return (this.dnat ??= [' -p ', this.protocol, c, ' -m ', this.protocol, ' -j DNAT --to-destination '].join(''));
  }
}

// The three per-endpoint shapes below repeat their small `provenance` and `spec` getters rather
// than share a base class: with one, building 300k of them took 1.2% more instructions per
// 10k-Service sync (derived-class construction; cachegrind, 1708 → 1729 M).

/**
 * writeServiceToEndpointRules: `[-m comment --comment "S -> EP"] [-m statistic --mode random
 * --probability P] -j SEP`.
 */
export class EndpointJumpRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly text: ServicePortText,
    private readonly ep: EndpointInfo,
    private readonly probability: string | null,
    private readonly sep: string,
  ) {}

  get provenance(): RuleProvenance {
    return this.text.endpointProvenance(this.ep);
  }

  get spec(): string {
    return joined((p) => this.pushSpec(p));
  }

  pushSpec(parts: string[]): void {
    const comment = this.text.servicePort !== null;
    if (comment) parts.push(this.text.restoreJumpPrefix(), this.ep.endpoint);
    parts.push(restoreJumpMiddle(comment, this.probability), this.sep);
  }

  pushSaved(_family: IPFamily, parts: string[]): void {
    const comment = this.text.servicePort !== null;
    parts.push(this.text.jumpPrefix(this.chain));
    if (comment) parts.push(this.ep.endpoint);
    parts.push(jumpMiddle(comment, this.probability), this.sep);
  }
}

/** The SEP chain's hairpin rule: `[-m comment --comment S] -s EP_IP -j KUBE-MARK-MASQ`. */
export class HairpinRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly text: ServicePortText,
    private readonly ep: EndpointInfo,
    private readonly markChain: string,
  ) {}

  get provenance(): RuleProvenance {
    return this.text.endpointProvenance(this.ep);
  }

  get spec(): string {
    return joined((p) => this.pushSpec(p));
  }

  pushSpec(parts: string[]): void {
    parts.push(this.text.restoreHairpinHead(), this.ep.ip, ' -j ', this.markChain);
  }

  pushSaved(family: IPFamily, parts: string[]): void {
    const ip = this.ep.ip;
    parts.push('-A ', this.chain, ' -s ', ip, hostSuffix(ip, family), this.text.hairpinTail(this.markChain));
  }
}

/** The SEP chain's DNAT: `[-m comment --comment S] [-m recent --name SEP --set] -m PROTO -p PROTO -j DNAT --to-destination EP`. */
export class DNATRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly text: ServicePortText,
    /** Session affinity: the `recent` list is the SEP chain's own name. */
    private readonly recent: boolean,
    private readonly ep: EndpointInfo,
  ) {}

  get provenance(): RuleProvenance {
    return this.text.endpointProvenance(this.ep);
  }

  get spec(): string {
    return joined((p) => this.pushSpec(p));
  }

  pushSpec(parts: string[]): void {
    parts.push(this.text.restoreDnatHead());
    if (this.recent) parts.push('-m recent --name ', this.chain, ' --set ');
    parts.push(this.text.restoreDnatMiddle(), this.ep.endpoint);
  }

  pushSaved(family: IPFamily, parts: string[]): void {
    if (!this.recent) {
      parts.push('-A ', this.chain, this.text.dnatMiddle(), this.ep.endpoint);
      return;
    }
    const { servicePort: S, protocol } = this.text;
    parts.push('-A ', this.chain, ' -p ', protocol);
    pushComment(parts, S);
    // libxt_recent's save: action, then --name, --mask and the side (see renderSave saveMatch).
    parts.push(' -m recent --set --name ', this.chain, family === 'IPv6' ? ' --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource' : ' --mask 255.255.255.255 --rsource');
    parts.push(' -m ', protocol, ' -j DNAT --to-destination ', this.ep.endpoint);
  }
}

/**
 * A Service VIP match: `-m comment --comment "C" -m PROTO -p PROTO -d VIP --dport PORT
 * [! -s CIDR | ! -i IFACE] -j TARGET` — the ClusterIP, external IP and load-balancer IP captures in
 * KUBE-SERVICES and the filter chains, and the ClusterIP masquerade rule of a policy chain (with
 * the local-traffic detector's IfNotLocal words).
 */
export class VIPCaptureRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly comment: string,
    private readonly protocol: string,
    private readonly vip: string,
    private readonly port: string,
    private readonly target: string,
    readonly provenance: RuleProvenance,
    /** LocalTrafficDetector.ifNotLocal: `['!', '-s', cidr]` or `['!', '-i', iface]`. */
    private readonly notLocal: readonly string[] = [],
  ) {}

  get spec(): string {
    const nl = this.notLocal.length === 0 ? '' : ` ${this.notLocal.join(' ')}`;
    return `-m comment --comment "${this.comment}" -m ${this.protocol} -p ${this.protocol} -d ${this.vip} --dport ${this.port}${nl} -j ${this.target}`;
  }

  pushSaved(family: IPFamily, parts: string[]): void {
    // -s prints before -d, an interface after it (iptables' struct ipt_entry order).
    const [neg, flag, value] = this.notLocal;
    parts.push('-A ', this.chain);
    if (flag === '-s') parts.push(' ', neg ?? '!', ' -s ', value ?? '', hostSuffix(value ?? '', family));
    parts.push(' -d ', this.vip, hostSuffix(this.vip, family));
    if (flag === '-i') parts.push(' ', neg ?? '!', ' -i ', value ?? '');
    parts.push(' -p ', this.protocol);
    pushComment(parts, this.comment);
    parts.push(' -m ', this.protocol, ' --dport ', this.port, ' -j ', this.target);
    // REJECT without --reject-with comes back with the default reply (libipt_REJECT / libip6t_REJECT).
    if (this.target === 'REJECT') parts.push(family === 'IPv6' ? ' --reject-with icmp6-port-unreachable' : ' --reject-with icmp-port-unreachable');
  }
}

// The rule shapes that make up nearly all of a large ruleset, kept as small objects that render
// both of their text forms on demand: kube-proxy's restore words (`spec`) and the line
// `iptables-save` prints (`savedLine`). At 10k Services × 10 endpoints, 310k of the 324k rules are
// an endpoint jump, a hairpin mark or a DNAT, plus one ClusterIP capture per Service; holding two
// strings per rule made the ruleset most of the heap and its garbage collection most of the time.
//
// The kernel gives a rule back in iptables' canonical order (research §14): `[!] -s/-d ADDR/len`,
// `-i/-o`, `-p`, then each `-m` module in the order the rule loaded it, then `-j` with its
// options. ruleShapes.test.ts checks that every savedLine equals the generic path (saveRuleText
// over the restore words) on every vector and on generated clusters, so the two cannot drift.
import type { IPFamily } from '../../shared/ip.ts';
import type { IptablesRule, RuleProvenance } from './ruleset.ts';
import { quantizedProbability, quote, withPrefix } from './renderSave.ts';

const quantized = new Map<string, string>();

/** libxt_statistic's printed probability for kube-proxy's `%0.10f` text (a handful of distinct values: cached). */
function savedProbability(p: string): string {
  let q = quantized.get(p);
  if (q === undefined) quantized.set(p, (q = quantizedProbability(p)));
  return q;
}

function savedComment(text: string | null): string {
  return text === null ? '' : ` -m comment --comment ${quote(text)}`;
}

/**
 * writeServiceToEndpointRules: `[-m comment --comment "S -> EP"] [-m statistic --mode random
 * --probability P] -j SEP`. `servicePort` is null in large-cluster mode (no per-endpoint comment).
 */
export class EndpointJumpRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly servicePort: string | null,
    private readonly endpoint: string,
    private readonly probability: string | null,
    private readonly sep: string,
    readonly provenance: RuleProvenance,
  ) {}

  private comment(): string | null {
    return this.servicePort === null ? null : `${this.servicePort} -> ${this.endpoint}`;
  }

  get spec(): string {
    const c = this.comment();
    const stat = this.probability === null ? '' : `-m statistic --mode random --probability ${this.probability} `;
    return `${c === null ? '' : `-m comment --comment "${c}" `}${stat}-j ${this.sep}`;
  }

  savedLine(): string {
    const stat = this.probability === null ? '' : ` -m statistic --mode random --probability ${savedProbability(this.probability)}`;
    return `-A ${this.chain}${savedComment(this.comment())}${stat} -j ${this.sep}`;
  }
}

/** The SEP chain's hairpin rule: `[-m comment --comment S] -s EP_IP -j KUBE-MARK-MASQ`. */
export class HairpinRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly servicePort: string | null,
    private readonly ip: string,
    private readonly markChain: string,
    readonly provenance: RuleProvenance,
  ) {}

  get spec(): string {
    return `${this.servicePort === null ? '' : `-m comment --comment ${this.servicePort} `}-s ${this.ip} -j ${this.markChain}`;
  }

  savedLine(family: IPFamily): string {
    return `-A ${this.chain} -s ${withPrefix(this.ip, family)}${savedComment(this.servicePort)} -j ${this.markChain}`;
  }
}

/** The SEP chain's DNAT: `[-m comment --comment S] [-m recent --name SEP --set] -m PROTO -p PROTO -j DNAT --to-destination EP`. */
export class DNATRule implements IptablesRule {
  constructor(
    readonly chain: string,
    private readonly servicePort: string | null,
    private readonly protocol: string,
    /** The `recent` list name when session affinity is on (the SEP chain's own name). */
    private readonly recentName: string | null,
    private readonly endpoint: string,
    readonly provenance: RuleProvenance,
  ) {}

  get spec(): string {
    const c = this.servicePort === null ? '' : `-m comment --comment ${this.servicePort} `;
    const recent = this.recentName === null ? '' : `-m recent --name ${this.recentName} --set `;
    return `${c}${recent}-m ${this.protocol} -p ${this.protocol} -j DNAT --to-destination ${this.endpoint}`;
  }

  savedLine(family: IPFamily): string {
    // libxt_recent's save: action, then --name, --mask and the side (see renderSave saveMatch).
    const recent = this.recentName === null ? ''
      : ` -m recent --set --name ${this.recentName} --mask ${family === 'IPv6' ? 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' : '255.255.255.255'} --rsource`;
    return `-A ${this.chain} -p ${this.protocol}${savedComment(this.servicePort)}${recent} -m ${this.protocol} -j DNAT --to-destination ${this.endpoint}`;
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

  savedLine(family: IPFamily): string {
    // -s prints before -d, an interface after it (iptables' struct ipt_entry order).
    const [neg, flag, value] = this.notLocal;
    const src = flag === '-s' ? ` ${neg} -s ${withPrefix(value ?? '', family)}` : '';
    const iface = flag === '-i' ? ` ${neg} -i ${value}` : '';
    // REJECT without --reject-with comes back with the default reply (libipt_REJECT / libip6t_REJECT).
    const opts = this.target === 'REJECT' ? ` --reject-with ${family === 'IPv6' ? 'icmp6-port-unreachable' : 'icmp-port-unreachable'}` : '';
    return `-A ${this.chain}${src} -d ${withPrefix(this.vip, family)}${iface} -p ${this.protocol}${savedComment(this.comment)} -m ${this.protocol} --dport ${this.port} -j ${this.target}${opts}`;
  }
}

// Pipeline step 4: address and port allocation, deterministic (DESIGN.md habit 2).
//  - Service ClusterIPs: pkg/registry/core/service/ipallocator (bitmap over the ServiceCIDR; the
//    network address and, for IPv4, the broadcast address are never handed out). Upstream picks a
//    random free address (upper band first); the lab hands out the lowest free one, in object
//    order, after every explicitly requested IP was reserved, so 10.96.0.1 (kubernetes) and
//    10.96.0.10 (kube-dns) are skipped naturally.
//  - NodePorts: pkg/registry/core/service/portallocator over --service-node-port-range
//    (DefaultServiceNodePortRange 30000–32767); lowest free port instead of a random one.
//  - Pod IPs: each Node's podCIDR, from .2 up (.1 is the bridge/gateway, as with kindnet and the
//    bridge CNI plugin), in scheduling order.
//  - Node podCIDRs: the node-ipam controller's /24 (IPv4) or /64 (IPv6) slices of the cluster CIDR.
import { bitsOf, cidrContains, cidrSize, formatCIDR, nthAddress, parseCIDR, parseIP, type ParsedCIDR } from '../shared/ip.ts';

export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

/** Errors carry the apiserver's wording (ipallocator ErrNotInRange / ErrAllocated). */
export type AllocResult = { ok: true; value: string } | { ok: false; message: string };

export class ServiceIPAllocator {
  private readonly used = new Set<string>();
  private readonly cursor = new Map<ParsedCIDR, bigint>();
  constructor(private readonly cidrs: readonly ParsedCIDR[]) {}

  get rangeText(): string {
    return this.cidrs.map(formatCIDR).join(', ');
  }

  private rangeOf(ip: string): ParsedCIDR | undefined {
    const p = parseIP(ip);
    return p ? this.cidrs.find((c) => cidrContains(c, p)) : undefined;
  }

  /** Reserves a requested IP (`spec.clusterIP: 10.96.0.50`). */
  reserve(ip: string): AllocResult {
    const c = this.rangeOf(ip);
    const p = parseIP(ip)!;
    const offset = c ? p.value - c.base : -1n;
    if (!c || offset <= 0n || (c.family === 'IPv4' && offset >= cidrSize(c) - 1n)) {
      return { ok: false, message: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.rangeText}` };
    }
    const canon = nthAddress(c, offset);
    if (this.used.has(canon)) return { ok: false, message: `failed to allocate IP ${ip}: provided IP is already allocated` };
    this.used.add(canon);
    return { ok: true, value: canon };
  }

  /** The lowest free address of the first CIDR of `family`. */
  allocateNext(family: 'IPv4' | 'IPv6'): AllocResult {
    const c = this.cidrs.find((x) => x.family === family);
    if (!c) return { ok: false, message: `failed to allocate a ${family} address: no ${family} ServiceCIDR` };
    const last = c.family === 'IPv4' ? cidrSize(c) - 2n : cidrSize(c) - 1n;
    for (let n = this.cursor.get(c) ?? 1n; n <= last; n++) {
      const ip = nthAddress(c, n);
      if (this.used.has(ip)) continue;
      this.used.add(ip);
      this.cursor.set(c, n + 1n);
      return { ok: true, value: ip };
    }
    return { ok: false, message: `failed to allocate a serviceIP: range is full` };
  }
}

export class NodePortAllocator {
  private readonly used = new Set<number>();
  private next: number = NODE_PORT_RANGE.base;

  reserve(port: number): AllocResult {
    if (port < NODE_PORT_RANGE.base || port >= NODE_PORT_RANGE.base + NODE_PORT_RANGE.size) {
      return { ok: false, message: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}` };
    }
    if (this.used.has(port)) return { ok: false, message: 'provided port is already allocated' };
    this.used.add(port);
    return { ok: true, value: String(port) };
  }

  allocateNext(): AllocResult {
    for (; this.next < NODE_PORT_RANGE.base + NODE_PORT_RANGE.size; this.next++) {
      if (this.used.has(this.next)) continue;
      this.used.add(this.next);
      return { ok: true, value: String(this.next++) };
    }
    return { ok: false, message: 'range is full' };
  }
}

/** Hands out Pod IPs from one Node's podCIDR. */
export class PodIPAllocator {
  private n = 2n;
  constructor(private readonly cidr: ParsedCIDR) {}
  allocateNext(): string | null {
    const last = this.cidr.family === 'IPv4' ? cidrSize(this.cidr) - 2n : cidrSize(this.cidr) - 1n;
    if (this.n > last) return null;
    return nthAddress(this.cidr, this.n++);
  }
}

/** The node-ipam controller's range allocator: consecutive /24 (or /64) subnets of the cluster CIDR. */
export class NodeCIDRAllocator {
  private readonly used = new Set<string>();
  private next = 0n;
  private readonly maskSize: number;
  constructor(private readonly cluster: ParsedCIDR) {
    // kube-controller-manager --node-cidr-mask-size-ipv4 24 / -ipv6 64.
    this.maskSize = Math.max(cluster.prefix, cluster.family === 'IPv4' ? 24 : 64);
  }
  reserve(cidr: string): void {
    const c = parseCIDR(cidr);
    if (c) this.used.add(formatCIDR(c));
  }
  allocateNext(): string | null {
    const count = 1n << BigInt(this.maskSize - this.cluster.prefix);
    const step = 1n << BigInt(bitsOf(this.cluster.family) - this.maskSize);
    for (; this.next < count; this.next++) {
      const c = formatCIDR({ family: this.cluster.family, base: this.cluster.base + this.next * step, prefix: this.maskSize });
      if (this.used.has(c)) continue;
      this.used.add(c);
      this.next++;
      return c;
    }
    return null;
  }
}

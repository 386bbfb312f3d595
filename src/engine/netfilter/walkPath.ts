// One path of one packet through the dataplane, hook by hook (research/netfilter-path.md §2):
//   received (wire, pod veth, lo): PREROUTING → routing → INPUT → local socket
//                                                       └→ FORWARD → POSTROUTING → device
//   locally generated: routing (picks oif and source) → OUTPUT → POSTROUTING → device / lo
// with conntrack created at -200, NAT chains consulted only for NEW connections without a
// binding (nf_nat_inet_fn), bindings applied to later packets and undone for replies at the
// opposite hook (nf_nat_packet), and confirmation at INPUT/POSTROUTING (nf_confirm).
import { canonicalIP } from '../shared/ip.ts';
import { describeBinding, lookupConntrack, newEntry, timeoutSeconds, trackPacket } from './conntrack.ts';
import type { DataplaneNode } from './dataplane.ts';
import { callbacksFor } from './hooks.ts';
import type { IPSet } from './ipset.ts';
import type { CtState } from './match/context.ts';
import { hostPort, parseHostPort, type Packet } from './packet.ts';
import { emptyNodeState, type HookEnd, type NodeState, type PathEnv, type PathOutcome, type Skb, type StartPoint } from './pathState.ts';
import { rejectReply } from './rejectReply.ts';
import { describeRoute, isLocalAddress, primaryAddress, routeLookup, sourceAddressFor, type RouteResult } from './routing.ts';
import type { Hook, Rule } from './ruleset.ts';
import type { TraceStep, Verdict } from './trace.ts';
import { walkTable, type StepRecorder, type WalkContext } from './walkTable.ts';

const MAX_HOPS = 16;

/** Walks one path; random branches are asked of `env.choose`. */
export function walkPath(env: PathEnv, start: StartPoint, first: Packet, out: PathOutcome): void {
  const nodeByName = new Map(env.dp.nodes.map((n) => [n.name, n]));
  const ipsetsOf = new Map<string, ReadonlyMap<string, IPSet>>();
  let hops = 0;

  const stateOf = (node: DataplaneNode): NodeState => {
    let s = env.nodes.get(node.name);
    if (!s) {
      s = emptyNodeState();
      env.nodes.set(node.name, s);
    }
    return s;
  };
  const step = (node: DataplaneNode | string, s: Omit<TraceStep, 'node' | 'hook' | 'table' | 'chain' | 'rule' | 'ruleIndex' | 'matched' | 'target'> & Partial<TraceStep>) =>
    out.steps.push({ node: typeof node === 'string' ? node : node.name, hook: null, table: null, chain: null, rule: null, ruleIndex: null, matched: null, target: null, ...s });
  const finish = (verdict: Verdict, endpoint: string, pkt: Packet, node: string, note: string, extra: Partial<PathOutcome> = {}) => {
    out.verdict = verdict;
    out.endpoint = endpoint;
    out.finalPacket = pkt;
    Object.assign(out, extra);
    step(node, { kind: 'verdict', packet: pkt, target: verdict, note });
  };

  const recorder = (node: DataplaneNode): StepRecorder => ({
    node: node.name,
    push: (s) => out.steps.push(s),
    notModelled: (w) => out.notModelled.add(w),
  });

  const ctxFor = (node: DataplaneNode, skb: Skb, hook: Hook): WalkContext => {
    let sets = ipsetsOf.get(node.name);
    if (!sets) {
      sets = new Map((node.ipsets ?? []).map((s) => [s.name, s]));
      ipsetsOf.set(node.name, sets);
    }
    return {
      pkt: skb.pkt,
      hook,
      inIface: skb.inIface,
      outIface: skb.outIface,
      node: {
        isLocal: (a) => isLocalAddress(node, a),
        addressesOf: (i) => node.interfaces.find((x) => x.name === i)?.addresses ?? [],
      },
      ct: skb.untracked
        ? { state: 'UNTRACKED', dir: 'ORIGINAL', entry: null }
        : skb.invalid || skb.related
          ? { state: skb.related ? 'RELATED' : 'INVALID', dir: skb.related ? 'REPLY' : 'ORIGINAL', entry: null }
          : skb.ct
          ? { state: skb.ct.state, dir: skb.ct.dir, entry: skb.ct.entry }
          : { state: 'NEW', dir: 'ORIGINAL', entry: null },
      ipsets: sets,
      recent: stateOf(node).recent,
      now: env.now,
      physIn: null,
      physOut: null,
      choose: env.choose,
    };
  };

  /** Runs every callback of a hook. Returns the end of the path if a table dropped it. */
  const runHook = (node: DataplaneNode, skb: Skb, hook: Hook, opts: { loopback?: boolean } = {}): HookEnd => {
    step(node, { kind: 'hook', hook, packet: skb.pkt, note: `in=${skb.inIface ?? '-'} out=${skb.outIface ?? '-'}`, ...(skb.ct ? { ctstate: skb.ct.state } : {}) });
    for (const cb of callbacksFor(hook, !!node.ipvs)) {
      if (cb.kind === 'table') {
        if (!node.ruleset.tables.has(cb.table)) continue;
        const ctx = ctxFor(node, skb, hook);
        const r = walkTable(node.ruleset, cb.table, hook, ctx, recorder(node));
        out.rulesEvaluated += r.rulesEvaluated;
        skb.pkt = ctx.pkt;
        if (r.notrack && cb.table === 'raw' && !skb.ct) skb.untracked = true;
        if (r.verdict === 'ACCEPT' && r.decidingRule) out.acceptedByRule = `${r.decidingRule.table} ${r.decidingRule.chain} #${r.decidingRule.index}`;
        if (r.verdict !== 'ACCEPT') return endOf(r.verdict, r.decidingRule, r.rejectWith);
      } else if (cb.kind === 'conntrack') {
        conntrackIn(node, skb, hook, !!opts.loopback);
      } else if (cb.kind === 'nat') {
        const end = natHook(node, skb, hook, cb.manip);
        if (end) return end;
      } else if (cb.kind === 'ipvs') {
        const r = ipvsAt(node, skb, hook);
        if (r === 'drop') return { verdict: 'REJECT', rejectWith: 'icmp-port-unreachable' };
        if (r === 'dnat' && hook === 'INPUT') return { verdict: 'IPVS' };
      } else {
        confirm(node, skb, hook);
      }
    }
    return null;
  };

  const endOf = (verdict: 'ACCEPT' | 'DROP' | 'REJECT', rule?: Rule, rejectWith?: string): HookEnd =>
    verdict === 'ACCEPT' ? null : { verdict, ...(rule ? { rule } : {}), ...(rejectWith ? { rejectWith } : {}) };

  /** nf_conntrack_in at -200: find or create the entry (unconfirmed until nf_confirm). */
  const conntrackIn = (node: DataplaneNode, skb: Skb, hook: Hook, loopback: boolean) => {
    if (skb.untracked) {
      step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: 'UNTRACKED', note: 'untracked (raw NOTRACK): no entry, no NAT' });
      return;
    }
    if (skb.related) {
      step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: 'RELATED', note: 'an error about the rejected packet: attached to its connection (nf_ct_attach), ctstate RELATED; the connection was never confirmed, so there is no binding to undo' });
      return;
    }
    if (skb.ct && loopback) {
      step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: skb.ct.state, note: skb.ipvsDone ? 're-sent by IPVS: the skb keeps its conntrack entry, no new lookup' : 'looped back through lo: the skb keeps its conntrack entry, no new lookup' });
      return;
    }
    const table = stateOf(node).conntrack;
    const found = lookupConntrack(table, skb.pkt, env.now);
    if (found) {
      const { entry, dir } = found;
      const state: CtState = dir === 'REPLY' || entry.seenReply ? 'ESTABLISHED' : 'NEW';
      trackPacket(entry, dir, env.now);
      skb.ct = { entry, dir, state };
      step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: state, note: `found entry #${entry.id} (${dir} direction, ${describeBinding(entry)})` });
      return;
    }
    // tcp_new (nf_conntrack_proto_tcp.c): only a SYN starts a connection; a bare ACK is picked up
    // mid-stream (nf_conntrack_tcp_loose=1, the default) as ESTABLISHED; anything else (SYN/ACK,
    // RST, FIN without a connection) is INVALID and gets no entry.
    const flags = skb.pkt.proto === 'tcp' ? (skb.pkt.tcpFlags ?? ['SYN']) : null;
    const syn = !!flags?.includes('SYN') && !flags.includes('ACK');
    const pickup = !!flags && !syn && flags.includes('ACK') && !flags.includes('SYN') && !flags.includes('RST') && !flags.includes('FIN');
    if (flags && !syn && !pickup) {
      skb.invalid = true;
      step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: 'INVALID', note: `TCP [${flags.join(',')}] without a connection: INVALID, no entry` });
      return;
    }
    const entry = newEntry(table, skb.pkt);
    if (pickup) entry.tcpState = 'ESTABLISHED';
    table.nextId++;
    skb.ct = { entry, dir: 'ORIGINAL', state: 'NEW' };
    step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: 'NEW', note: pickup ? `mid-stream ACK picked up (nf_conntrack_tcp_loose): new entry #${entry.id} in ESTABLISHED` : `new unconfirmed entry #${entry.id}` });
  };

  /** nf_nat_inet_fn + nf_nat_packet at the DST (-100) or SRC (100) manip hooks. */
  const natHook = (node: DataplaneNode, skb: Skb, hook: Hook, manip: 'DST' | 'SRC'): HookEnd => {
    if (skb.untracked || !skb.ct) return null;
    const { entry: e, dir, state } = skb.ct;
    const done = manip === 'DST' ? e.dstNatDone : e.srcNatDone;
    if (dir === 'ORIGINAL' && state === 'NEW' && !done) {
      const ctx = ctxFor(node, skb, hook);
      const r = walkTable(node.ruleset, 'nat', hook, ctx, recorder(node));
      out.rulesEvaluated += r.rulesEvaluated;
      skb.pkt = ctx.pkt;
      if (r.verdict !== 'ACCEPT') return endOf(r.verdict, r.decidingRule, r.rejectWith);
      if (manip === 'DST') {
        e.dstNatDone = true;
        const to = r.dnat !== undefined ? parseHostPort(r.dnat, e.orig.dport) : null;
        if (to) {
          e.reply = { ...e.reply, src: to.addr, sport: to.port };
          e.dstNat = true;
        } else if (r.dnat !== undefined) out.notModelled.add(`DNAT --to-destination ${r.dnat}`);
      } else {
        e.srcNatDone = true;
        let newSrc: string | null = null;
        if (r.masquerade) newSrc = skb.outIface ? primaryAddress(node, skb.outIface, skb.pkt.family) : null;
        else if (r.snat !== undefined) newSrc = parseHostPort(r.snat, e.orig.sport)?.addr ?? null;
        // The MASQUERADE/SNAT target fired: the connection is source-NATed even when the new
        // source equals the old one (nf_nat_setup_info then sets no IPS_SRC_NAT bit).
        if (r.masquerade || r.snat !== undefined) out.masquerade = true;
        if (newSrc) {
          let port = r.snat !== undefined ? (parseHostPort(r.snat, e.orig.sport)?.port ?? e.orig.sport) : e.orig.sport;
          // --random-fully (NF_NAT_RANGE_PROTO_RANDOM_FULLY): nf_nat_l4proto_unique_tuple draws
          // the port from 1024-65535 for source ports ≥ 1024. Only a seeded walk draws it.
          if (r.masquerade?.randomFully && env.randomInt && e.orig.sport >= 1024) port = 1024 + env.randomInt(65535 - 1024 + 1);
          e.reply = { ...e.reply, dst: newSrc, dport: port };
          e.srcNat = newSrc !== e.orig.src || port !== e.orig.sport;
        } else if (r.masquerade || r.snat !== undefined) out.notModelled.add(`source NAT with no usable address on ${skb.outIface ?? '?'}`);
      }
      const made = manip === 'DST' ? e.dstNat : e.srcNat;
      const sameSrc = manip === 'SRC' && !made && (r.masquerade || r.snat !== undefined);
      step(node, { kind: 'nat', hook, packet: skb.pkt, ctstate: state, note: made ? `${manip} binding: ${describeBinding(e)}` : sameSrc ? 'source NAT to the address the packet already has: no change' : `null ${manip} binding (no nat rule rewrote it)` });
    } else if (hook === 'PREROUTING' || hook === 'POSTROUTING' || hook === 'OUTPUT') {
      step(node, { kind: 'nat', hook, packet: skb.pkt, ctstate: state, note: `nat table not consulted: ${dir === 'REPLY' ? 'reply direction' : state !== 'NEW' ? `ctstate ${state}` : 'binding already made'} (nat sees only the first packet of a connection)` });
    }
    const before = skb.pkt;
    let p = skb.pkt;
    if (manip === 'DST') {
      if (dir === 'ORIGINAL' && e.dstNat) p = { ...p, dst: e.reply.src, dport: e.reply.sport };
      if (dir === 'REPLY' && e.srcNat) p = { ...p, dst: e.orig.src, dport: e.orig.sport };
    } else {
      if (dir === 'ORIGINAL' && e.srcNat) p = { ...p, src: e.reply.dst, sport: e.reply.dport };
      if (dir === 'REPLY' && e.dstNat) p = { ...p, src: e.orig.dst, sport: e.orig.dport };
    }
    if (p !== before && (p.src !== before.src || p.dst !== before.dst || p.sport !== before.sport || p.dport !== before.dport)) {
      skb.pkt = p;
      if (dir === 'ORIGINAL' && manip === 'DST') out.dnat = hostPort(p.dst, p.dport);
      const byIpvs = dir === 'REPLY' && manip === 'SRC' && e.ipvs ? ' (for an IPVS connection the kernel does this in ip_vs_out at FORWARD/LOCAL_IN; same result)' : '';
      step(node, { kind: 'nat', hook, packet: p, packetBefore: before, note: dir === 'REPLY' ? `reply un-${manip === 'DST' ? 'SNAT' : 'DNAT'}: ${manip === 'DST' ? 'destination' : 'source'} restored${byIpvs}` : `${manip === 'DST' ? 'destination' : 'source'} rewritten` });
    }
    return null;
  };

  /** nf_confirm: the entry joins the table; timeouts start. */
  const confirm = (node: DataplaneNode, skb: Skb, hook: Hook) => {
    if (!skb.ct || skb.untracked) return;
    const e = skb.ct.entry;
    if (e.confirmed) return;
    e.confirmed = true;
    e.expires = env.now + timeoutSeconds(e) * 1000;
    stateOf(node).conntrack.entries.push(e);
    step(node, { kind: 'conntrack', hook, packet: skb.pkt, ctstate: skb.ct.state, note: `entry #${e.id} confirmed (timeout ${timeoutSeconds(e)} s)` });
  };

  const hookEnd = (node: DataplaneNode, skb: Skb, end: NonNullable<HookEnd>, hook: Hook) => {
    if (end.verdict === 'IPVS') return;
    const rule = end.rule ? `${end.rule.table} ${end.rule.chain} #${end.rule.index}` : null;
    if (end.verdict === 'REJECT') {
      const reply = rejectReply(skb.pkt, end.rejectWith ?? 'icmp-port-unreachable');
      finish('REJECT', `rejected at ${node.name} ${hook}`, skb.pkt, node.name, `REJECT: ${end.rejectWith ?? 'icmp-port-unreachable'} sent back to ${skb.pkt.src}`, {
        decidedByRule: rule, rejectReply: reply, deliveredTo: { kind: 'host', node: node.name, related: true },
      });
    } else {
      finish('DROP', `dropped at ${node.name} ${hook}`, skb.pkt, node.name, end.rule ? `dropped by ${rule}` : `dropped by the ${hook} policy`, { decidedByRule: rule });
    }
  };

  /** A packet arriving on `inIface` (wire, pod veth, or lo after local output). */
  const receive = (node: DataplaneNode, skb: Skb, loopback = false): void => {
    if (++hops > MAX_HOPS) return finish('DROP', 'routing loop', skb.pkt, node.name, `more than ${MAX_HOPS} hops: routing loop`);
    skb.outIface = null;
    const end = runHook(node, skb, 'PREROUTING', { loopback });
    if (end) return hookEnd(node, skb, end, 'PREROUTING');
    const r = routeLookup(node, skb.pkt.dst);
    step(node, { kind: 'route', packet: skb.pkt, route: describeRoute(r, skb.pkt.dst), note: 'input routing decision (ip_route_input, after DNAT)' });
    if (r.kind === 'local') {
      const e2 = runHook(node, skb, 'INPUT');
      if (e2?.verdict === 'IPVS') return output(node, skb, true);
      if (e2) return hookEnd(node, skb, e2, 'INPUT');
      return deliverLocal(node, skb);
    }
    if (r.kind === 'unreachable') return finish('DROP', `no route on ${node.name}`, skb.pkt, node.name, `no route to ${skb.pkt.dst} (ICMP host unreachable)`);
    skb.outIface = r.dev;
    const e3 = runHook(node, skb, 'FORWARD');
    if (e3) return hookEnd(node, skb, e3, 'FORWARD');
    postrouting(node, skb, r);
  };

  /**
   * ip_vs_in_hook (LOCAL_IN @99, LOCAL_OUT @-98): a packet to a virtual service is scheduled to a
   * real server and DNATed (masq forwarding); ip_vs_update_conntrack makes conntrack expect the
   * reply from the real server. At LOCAL_IN the packet is then re-sent through LOCAL_OUT
   * (ip_vs_nat_xmit); at LOCAL_OUT it simply continues to the real server.
   */
  const ipvsAt = (node: DataplaneNode, skb: Skb, hook: Hook): 'none' | 'drop' | 'dnat' => {
    if (!node.ipvs || skb.ipvsDone || (skb.ct && skb.ct.dir === 'REPLY')) return 'none';
    const d = node.ipvs.lookup(skb.pkt, env.choose);
    if (!d) {
      step(node, { kind: 'ipvs', hook, packet: skb.pkt, note: 'IPVS: no virtual service for this destination' });
      return 'none';
    }
    if (!d.realServer) {
      // ip_vs_leave (ip_vs_core.c): no destination for a non-FTP service → icmp_send(ICMP_DEST_UNREACH,
      // ICMP_PORT_UNREACH) "no matter it is TCP/UDP", then NF_DROP — the client sees port unreachable.
      step(node, { kind: 'ipvs', hook, packet: skb.pkt, target: 'REJECT', note: `IPVS virtual service ${d.service} has no real servers: ip_vs_leave sends ICMP port unreachable and drops the packet` });
      return 'drop';
    }
    const before = skb.pkt;
    skb.pkt = { ...skb.pkt, dst: d.realServer.address, dport: d.realServer.port };
    skb.ipvsDone = true;
    if (skb.ct) {
      skb.ct.entry.reply = { ...skb.ct.entry.reply, src: d.realServer.address, sport: d.realServer.port };
      skb.ct.entry.dstNat = true;
      skb.ct.entry.ipvs = true;
    }
    out.dnat = hostPort(d.realServer.address, d.realServer.port);
    step(node, { kind: 'ipvs', hook, packet: skb.pkt, packetBefore: before, target: 'DNAT', note: `IPVS ${d.service} → real server ${out.dnat}${hook === 'INPUT' ? ' (ip_vs_nat_xmit re-sends it through LOCAL_OUT)' : ''}` });
    return 'dnat';
  };

  const deliverLocal = (node: DataplaneNode, skb: Skb) => {
    const pod = env.dp.pods.find((p) => p.node === node.name && p.hostNetwork && p.ip === skb.pkt.dst);
    finish('DELIVERED', pod ? `pod ${pod.namespace}/${pod.name} (hostNetwork) on ${node.name}` : `node ${node.name} (local socket)`, skb.pkt, node.name, `delivered to a local socket on ${node.name}`, {
      deliveredTo: { kind: 'host', node: node.name },
    });
  };

  /** Locally generated (or re-sent by IPVS): routing first, then OUTPUT. */
  const output = (node: DataplaneNode, skb: Skb, reinjected = false): void => {
    let r = routeLookup(node, skb.pkt.dst);
    step(node, { kind: 'route', packet: skb.pkt, route: describeRoute(r, skb.pkt.dst), note: reinjected ? 'IPVS routes the packet to the real server' : 'output routing decision by the socket (picks oif and source address)' });
    if (r.kind === 'unreachable') return finish('DROP', `no route on ${node.name}`, skb.pkt, node.name, `connect(): no route to ${skb.pkt.dst}`);
    skb.inIface = null;
    skb.outIface = r.dev;
    const dstBefore = skb.pkt.dst;
    const end = runHook(node, skb, 'OUTPUT', { loopback: reinjected });
    if (end) return hookEnd(node, skb, end, 'OUTPUT');
    if (skb.pkt.dst !== dstBefore) {
      // nf_nat_ipv4_local_fn → ip_route_me_harder: re-route on the new address, keep the source.
      r = routeLookup(node, skb.pkt.dst);
      step(node, { kind: 'route', packet: skb.pkt, route: describeRoute(r, skb.pkt.dst), note: 're-routed after OUTPUT DNAT (ip_route_me_harder); source address kept' });
      if (r.kind === 'unreachable') return finish('DROP', `no route on ${node.name}`, skb.pkt, node.name, `no route to ${skb.pkt.dst}`);
      skb.outIface = r.dev;
    }
    postrouting(node, skb, r);
  };

  const postrouting = (node: DataplaneNode, skb: Skb, r: RouteResult) => {
    const end = runHook(node, skb, 'POSTROUTING');
    if (end) return hookEnd(node, skb, end, 'POSTROUTING');
    transmit(node, skb, r);
  };

  const transmit = (node: DataplaneNode, skb: Skb, r: RouteResult): void => {
    if (r.kind === 'local') {
      step(node, { kind: 'transmit', packet: skb.pkt, note: 'loopback_xmit: back into PREROUTING on lo' });
      skb.inIface = 'lo';
      return receive(node, skb, true);
    }
    if (r.kind !== 'unicast') return;
    const iface = node.interfaces.find((i) => i.name === r.dev);
    if (iface?.pod) {
      const pod = env.dp.pods.find((p) => `${p.namespace}/${p.name}` === iface.pod);
      step(node, { kind: 'transmit', packet: skb.pkt, note: `out ${r.dev} into the netns of pod ${iface.pod}` });
      if (pod && pod.ip === skb.pkt.dst) return finish('DELIVERED', `pod ${iface.pod}`, skb.pkt, node.name, `delivered to pod ${iface.pod} (${pod.ip})`, { deliveredTo: { kind: 'pod', pod } });
      return finish('DROP', `pod ${iface.pod}`, skb.pkt, node.name, `pod ${iface.pod} does not own ${skb.pkt.dst}: dropped in its netns`);
    }
    const next = env.dp.nodes.find((n) => n !== node && n.localIPs.includes(r.nextHop));
    if (next) {
      const inIface = next.interfaces.find((i) => i.addresses.some((a) => a.split('/')[0] === r.nextHop))?.name ?? 'eth0';
      step(node, { kind: 'transmit', packet: skb.pkt, note: `out ${r.dev} to ${r.nextHop} (node ${next.name}); the skb's conntrack entry and mark stay behind` });
      return receive(next, { pkt: { ...skb.pkt, mark: 0 }, ct: null, untracked: false, inIface, outIface: null });
    }
    finish('ACCEPT', `out ${r.dev} of ${node.name} towards ${r.nextHop}`, skb.pkt, node.name, `sent out ${r.dev} to ${r.nextHop}, outside the modelled nodes`);
  };

  // Start.
  const newSkb = (pkt: Packet, inIface: string | null): Skb => ({ pkt, ct: null, untracked: false, inIface, outIface: null });
  if (start.kind === 'pod') {
    const pod = start.pod;
    const node = nodeByName.get(pod.node);
    if (!node) return finish('DROP', 'unknown node', first, pod.node, `pod's node ${pod.node} is not in the dataplane`);
    if (pod.hostNetwork) {
      step(node, { kind: 'start', packet: first, note: `hostNetwork pod ${pod.namespace}/${pod.name}: the node's own stack` });
      return output(node, newSkb(first, null));
    }
    if (canonicalIP(first.dst) === pod.ip) {
      step(node, { kind: 'start', packet: first, note: `pod ${pod.namespace}/${pod.name} sends to its own IP` });
      return finish('DELIVERED', `pod ${pod.namespace}/${pod.name}`, first, node.name, 'delivered inside the pod netns over its lo; never reaches the node', { deliveredTo: start });
    }
    const veth = pod.hostVeth ?? node.interfaces.find((i) => i.pod === `${pod.namespace}/${pod.name}`)?.name ?? null;
    step(node, { kind: 'start', packet: first, note: `pod ${pod.namespace}/${pod.name}: its default route sends the packet out eth0; it arrives on the host end ${veth ?? '(veth)'}` });
    return receive(node, newSkb(first, veth));
  }
  const node = nodeByName.get(start.node);
  if (!node) return finish('DROP', 'unknown node', first, start.node, `node ${start.node} is not in the dataplane`);
  if (start.kind === 'host') {
    let pkt = first;
    if (!pkt.src) {
      const src = sourceAddressFor(node, routeLookup(node, pkt.dst), pkt.dst, pkt.family);
      if (src) pkt = { ...pkt, src };
    }
    step(node, { kind: 'start', packet: pkt, note: start.related ? `node ${node.name} answers the rejected packet` : `a process on node ${node.name} sends it` });
    return output(node, { ...newSkb(pkt, null), ...(start.related ? { related: true } : {}) });
  }
  step(node, { kind: 'start', packet: first, note: `arrives on ${start.iface} of ${node.name}` });
  return receive(node, newSkb(first, start.iface));
}

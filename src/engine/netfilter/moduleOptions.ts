// Which options each match module and target extension takes, and how many arguments each
// option has. Mirrors the xtables extensions (iptables/extensions/libxt_*.c, libipt_*.c): an
// option belongs to the most recently loaded module that knows it, as xtables' option parser
// hands an unknown option to each loaded match in turn (iptables/xshared.c command_match).

/** Argument count per option; `-1` = "one or more" is never needed by the modelled modules. */
export type OptionSpec = Readonly<Record<string, number>>;

const PORTS: OptionSpec = { '--dport': 1, '--sport': 1, '--destination-port': 1, '--source-port': 1 };

export const MATCH_MODULES: Readonly<Record<string, OptionSpec>> = {
  tcp: { ...PORTS, '--tcp-flags': 2, '--syn': 0, '--tcp-option': 1 },
  udp: PORTS,
  sctp: { ...PORTS, '--chunk-types': 2 },
  icmp: { '--icmp-type': 1 },
  icmp6: { '--icmpv6-type': 1 },
  multiport: { '--dports': 1, '--sports': 1, '--ports': 1, '--destination-ports': 1, '--source-ports': 1 },
  comment: { '--comment': 1 },
  statistic: { '--mode': 1, '--probability': 1, '--every': 1, '--packet': 1 },
  mark: { '--mark': 1 },
  addrtype: { '--src-type': 1, '--dst-type': 1, '--limit-iface-in': 0, '--limit-iface-out': 0 },
  conntrack: {
    '--ctstate': 1, '--ctproto': 1, '--ctorigsrc': 1, '--ctorigdst': 1, '--ctreplsrc': 1, '--ctrepldst': 1,
    '--ctorigsrcport': 1, '--ctorigdstport': 1, '--ctreplsrcport': 1, '--ctrepldstport': 1,
    '--ctstatus': 1, '--ctexpire': 1, '--ctdir': 1,
  },
  state: { '--state': 1 },
  set: { '--match-set': 2, '--return-nomatch': 0, '--update-counters': 0, '--no-update-counters': 0, '--update-subcounters': 0, '--no-update-subcounters': 0 },
  recent: {
    '--set': 0, '--rcheck': 0, '--update': 0, '--remove': 0, '--seconds': 1, '--hitcount': 1, '--reap': 0,
    '--rttl': 0, '--name': 1, '--mask': 1, '--rsource': 0, '--rdest': 0,
  },
  nfacct: { '--nfacct-name': 1 },
  physdev: { '--physdev-in': 1, '--physdev-out': 1, '--physdev-is-in': 0, '--physdev-is-out': 0, '--physdev-is-bridged': 0 },
};

/** `-p` loads the protocol's match implicitly (xshared.c load_proto). */
export const PROTOCOL_MODULES: Readonly<Record<string, string>> = {
  tcp: 'tcp', udp: 'udp', sctp: 'sctp', icmp: 'icmp', icmpv6: 'icmp6', 'ipv6-icmp': 'icmp6',
};

export const TARGETS: Readonly<Record<string, OptionSpec>> = {
  ACCEPT: {},
  DROP: {},
  RETURN: {},
  REJECT: { '--reject-with': 1 },
  DNAT: { '--to-destination': 1, '--random': 0, '--persistent': 0 },
  SNAT: { '--to-source': 1, '--random': 0, '--random-fully': 0, '--persistent': 0 },
  MASQUERADE: { '--to-ports': 1, '--random': 0, '--random-fully': 0 },
  MARK: { '--set-xmark': 1, '--set-mark': 1, '--or-mark': 1, '--xor-mark': 1, '--and-mark': 1 },
  LOG: { '--log-prefix': 1, '--log-level': 1, '--log-tcp-sequence': 0, '--log-tcp-options': 0, '--log-ip-options': 0, '--log-uid': 0 },
  NOTRACK: {},
  CT: { '--notrack': 0, '--zone': 1, '--helper': 1, '--ctevents': 1, '--expevents': 1, '--timeout': 1, '--zone-orig': 1, '--zone-reply': 1 },
};

/** The core IP-header options (iptables/xshared.c), with their long aliases. */
export const CORE_OPTIONS: Readonly<Record<string, string>> = {
  '-s': '-s', '--source': '-s', '--src': '-s',
  '-d': '-d', '--destination': '-d', '--dst': '-d',
  '-p': '-p', '--protocol': '-p',
  '-i': '-i', '--in-interface': '-i',
  '-o': '-o', '--out-interface': '-o',
  '-f': '-f', '--fragment': '-f',
};

// The kernel side of IPVS: services and destinations, the schedulers, the ip_vs_in_hook lookup
// with persistence, the walker's handler, and a parser for real `ipvsadm -Ln` dumps.
export * from './ipvsService.ts';
export * from './ipvsLookup.ts';
export * from './ipvsHandler.ts';
export * from './parseIpvsadm.ts';
export * as schedulers from './schedulers/index.ts';
export * from './ipvsadmConnections.ts';

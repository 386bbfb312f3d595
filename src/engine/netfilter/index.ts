// Public face of engine/netfilter: dump parsers, the netfilter model and the packet walker.
export * from './ruleset.ts';
export { parseIptables, type ParseOptions } from './parseIptables.ts';
export { tokenize, quoteArg } from './tokenize.ts';
export * from './packet.ts';
export * from './conntrack.ts';
export * from './ipset.ts';
export * from './dataplane.ts';
export * from './ipvsHook.ts';
export * from './routing.ts';
export * from './hooks.ts';
export * from './trace.ts';
export { walkTable, applyMark, type TableResult, type StepRecorder, type WalkContext } from './walkTable.ts';
export { walkPath, parseHostPort, rejectReply, type StartPoint } from './walkPath.ts';
export { walkPacket, type WalkOptions, type TraceResult, type NodeConnState } from './walkPacket.ts';
export { ensureKubeProxyJumps, KUBE_PROXY_JUMP_CHAINS } from './kubeProxyJumps.ts';
export { dataplaneFromDump, type DumpNodeSpec } from './dataplaneFromDump.ts';
export type { CtState, MatchContext } from './match/context.ts';
export type { RecentTables } from './match/recent.ts';

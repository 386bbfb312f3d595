// Packet flows of the iptables vectors (owned by the packet-path work). Placeholder: fills
// nothing, so the flow cases fail honestly until the walker lands.
import type { JsonObject } from './input.ts';

/** Fills `actualOutput`/`actualMasq` of every flow in `flows`, tracing through `restoreText`. */
export function fillPacketFlows(_flows: JsonObject[], _ruleset: unknown, _config: JsonObject): void {}

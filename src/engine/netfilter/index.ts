// Public face of engine/netfilter.
export {};

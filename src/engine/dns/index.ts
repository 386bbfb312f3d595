// Public face of engine/dns.
export {};

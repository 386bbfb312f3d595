// Public face of engine/ingress.
export {};

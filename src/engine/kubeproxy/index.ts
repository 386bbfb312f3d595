// Public face of engine/kubeproxy.
export {};

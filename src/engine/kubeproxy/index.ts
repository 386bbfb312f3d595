// Public face of engine/kubeproxy: the shared proxy model and the iptables renderer.
export * from './types.ts';
export * from './chainNames.ts';
export * from './sloppyIP.ts';
export * from './servicePorts.ts';
export * from './endpointsFromSlices.ts';
export * from './categorizeEndpoints.ts';
export * from './proxyModel.ts';
export * from './proxierConfig.ts';
export * as ipvs from './ipvs/index.ts';

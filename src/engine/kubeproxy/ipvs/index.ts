// Public face of kube-proxy's ipvs mode: the renderer on the shared proxy model and the text the
// node tools print (ipvsadm -Ln, ipset list, iptables-save, ip addr show kube-ipvs0).
export * from './virtualServer.ts';
export * from './ipset.ts';
export * from './ipsetList.ts';
export * from './ipvsadmList.ts';
export * from './ipvsIptablesRules.ts';
export * from './ipvsNodeAddresses.ts';
export * from './ipvsVersionBehaviour.ts';
export * from './kubeIpvs0.ts';
export * from './syncIpvsProxyRules.ts';
export * from './renderIpvsNode.ts';
export * from './ipvsSysctls.ts';

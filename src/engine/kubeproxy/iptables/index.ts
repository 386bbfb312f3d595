// kube-proxy iptables mode: ProxyModel → structured ruleset → restore / save / list text.
export * from './ruleset.ts';
export * from './computeProbability.ts';
export * from './localDetector.ts';
export * from './writeServicePortRules.ts';
export * from './syncProxyRules.ts';
export * from './renderRestore.ts';
export * from './parseRestore.ts';
export * from './sortRestore.ts';
export * from './applyRestoreNoflush.ts';
export * from './nodeState.ts';
export * from './resync.ts';
export * from './parsedRule.ts';
export * from './renderSave.ts';
export * from './renderList.ts';

// Public face of engine/cluster: the pipeline, its options and the contract types, plus the
// helpers other domains and the shells read the snapshot with.
export * from './objects.ts';
export { buildCluster, type BuildOptions, type ManifestFile } from './buildCluster.ts';
export { parseManifests, type ParsedObject, type ParsedManifests } from './parseManifests.ts';
export { settledPodStatus, computeQOSClass, type SettlePod, type SettleContext } from './settlePod.ts';
export * from './labConfig.ts';
export { matchesLabelSelector, matchesSelectorMap, formatLabels, type LabelSelector } from './labels.ts';
export { nodeInternalIP, isNodeReady, CONTROL_PLANE_LABEL } from './nodes.ts';
export { isPodReady, shouldPodBeInEndpoints, findPort, SERVICE_NAME_LABEL, MANAGED_BY_LABEL, MANAGED_BY_CONTROLLER } from './endpointSliceController.ts';
export { computeHash, fnv32a, safeEncodeString } from './hashing.ts';
export { humanDuration } from './printers/humanDuration.ts';
export { printTable } from './printers/printTable.ts';
export { serviceRow, SERVICE_COLUMNS } from './printers/printServices.ts';
export { endpointSliceRow, ENDPOINTSLICE_COLUMNS } from './printers/printEndpointSlices.ts';

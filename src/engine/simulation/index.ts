// Public face of engine/simulation: the cluster and the Pod lifecycle on one timeline.
export { clusterAt, simulateCluster, simulationOptionsFor, podKeyOf, type ClusterSimulationOptions, type PodFilter } from './clusterSimulation.ts';

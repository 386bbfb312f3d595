// Public face of engine/simulation: the cluster and the Pod lifecycle on one timeline.
export { clusterAt, simulateCluster, simulationOptionsFor, podKeyOf, type ClusterSimulationOptions } from './clusterSimulation.ts';

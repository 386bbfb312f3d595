export * from './objects.ts';
export { buildCluster } from './buildCluster.ts';

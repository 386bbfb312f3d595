// Module-level, per React Flow's guidance: a new object each render would remount every node.
import { IngressNode } from './IngressNode.tsx';
import { NodeGroup } from './NodeGroup.tsx';
import { PodNode } from './PodNode.tsx';
import { ServiceNode } from './ServiceNode.tsx';

export const nodeTypes = { group: NodeGroup, pod: PodNode, service: ServiceNode, ingress: IngressNode };

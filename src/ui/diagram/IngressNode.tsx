import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { IngressData } from './toFlowElements.ts';

export function IngressNode({ data, selected }: NodeProps<Node<IngressData, 'ingress'>>) {
  return (
    <div className={`flow-ingress${selected ? ' is-selected' : ''}`} data-testid="ingress-node" title={`Ingress ${data.namespace}/${data.name}`}>
      <div className="flow-title"><span className="kind-badge ing">ing</span><span className="flow-name">{data.name}</span></div>
      <div className="flow-sub mono muted">{data.hosts.join(', ') || '*'}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

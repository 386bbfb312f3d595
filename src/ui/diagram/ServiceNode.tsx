import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ServiceData } from './toFlowElements.ts';

export function ServiceNode({ data, selected }: NodeProps<Node<ServiceData, 'service'>>) {
  return (
    <div className={`flow-service${selected ? ' is-selected' : ''}`} data-testid="service-node" title={`Service ${data.namespace}/${data.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="flow-title"><span className="kind-badge svc">svc</span><span className="flow-name">{data.name}</span><span className="svc-type">{data.type}</span></div>
      <div className="flow-sub mono">
        <span>{data.clusterIP ?? '—'}</span>
        <span className="muted">{data.ports}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

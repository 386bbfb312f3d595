import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useT } from '../i18n/useT.ts';
import type { PodData } from './toFlowElements.ts';
import { useTraceLit } from '../trace/useTraceLit.ts';

export function PodNode({ data, selected }: NodeProps<Node<PodData, 'pod'>>) {
  const t = useT();
  const lit = useTraceLit('pod', `${data.namespace}/${data.name}`);
  return (
    <div className={`flow-pod phase-${data.phase}${selected ? ' is-selected' : ''}${lit ? ' is-trace-lit' : ''}`} data-testid="pod-node" title={`Pod ${data.namespace}/${data.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="flow-title"><span className="kind-badge">Pod</span><span className="flow-name">{data.name}</span></div>
      <div className="flow-sub">
        <span className="phase-dot" aria-hidden="true" />
        <span>{data.reason ?? t(`phase.${data.phase}`)}</span>
        {data.ip && <span className="mono muted">{data.ip}</span>}
      </div>
    </div>
  );
}

import type { Node, NodeProps } from '@xyflow/react';
import { useT } from '../i18n/useT.ts';
import type { GroupData } from './toFlowElements.ts';
import { useTraceLit } from '../trace/useTraceLit.ts';

export function NodeGroup({ data, selected }: NodeProps<Node<GroupData, 'group'>>) {
  const t = useT();
  const unscheduled = data.kind === 'Unscheduled';
  const lit = useTraceLit('node', data.name);
  return (
    <div className={`flow-group${unscheduled ? ' unscheduled' : ''}${selected ? ' is-selected' : ''}${lit ? ' is-trace-lit' : ''}`} data-testid="node-group"
      title={`${unscheduled ? t('diagram.unscheduled') : `Node ${data.name}`} · ${t('diagram.pods', { count: data.podCount })}`}>
      <div className="flow-group-head">
        {!unscheduled && <span className="kind-badge node">Node</span>}
        <span className="flow-name">{unscheduled ? t('diagram.unscheduled') : data.name}</span>
        {data.ip && <span className="mono muted">{data.ip}</span>}
        {data.ready === false && <span className="pill warn">NotReady</span>}
        {unscheduled && <span className="muted group-count">{t('diagram.pods', { count: data.podCount })}</span>}
      </div>
    </div>
  );
}

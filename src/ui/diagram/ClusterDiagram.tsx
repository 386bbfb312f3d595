// The cluster as a React Flow diagram: mapped purely from the last good snapshot
// (toFlowElements), laid out by ELK in a worker, selection shared with the editor and inspector.
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { routedIngressEdge } from '../../store/dnsSlice.ts';
import { useAppState, useAppStore } from '../useAppState.ts';
import type { Placement } from './elkGraph.ts';
import { layoutFlow } from './layoutFlow.ts';
import { nodeTypes } from './nodeTypes.ts';
import { toFlowElements, UNSCHEDULED_GROUP } from './toFlowElements.ts';
import { PhaseLegend } from './PhaseLegend.tsx';

function Diagram() {
  const store = useAppStore();
  const t = useT();
  const snapshot = useAppState((s) => s.snapshot);
  const selected = useAppState((s) => s.selected);
  // The Ingress tab's last routed request lights its Ingress → Service edge.
  const routed = useAppState((s) => routedIngressEdge(s.ingressView));
  const theme = useAppState((s) => s.theme);
  const { fitView } = useReactFlow();
  const elements = useMemo(() => (snapshot ? toFlowElements(snapshot) : { nodes: [], edges: [] }), [snapshot]);
  const [placements, setPlacements] = useState<Map<string, Placement> | null>(null);

  useEffect(() => {
    let live = true;
    void layoutFlow(elements.nodes, elements.edges).then((p) => { if (live) setPlacements(p); });
    return () => { live = false; };
  }, [elements]);

  const nodes: Node[] = useMemo(() => {
    if (!placements) return [];
    return elements.nodes.flatMap((n) => {
      const p = placements.get(n.id);
      if (!p) return [];
      const base = { ...n, position: { x: p.x, y: p.y }, selected: n.id === selected };
      return [n.type === 'group' ? { ...base, style: { width: p.width, height: p.height }, selectable: n.id !== UNSCHEDULED_GROUP } : base];
    }) as Node[];
  }, [elements, placements, selected]);

  const edges: Edge[] = useMemo(() => elements.edges.map((e) => ({
    ...e,
    className: `edge-${e.data.via}${e.data.ready ? '' : ' not-ready'}${e.source === selected || e.target === selected ? ' is-related' : ''}${e.id === routed ? ' is-routed' : ''}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    ...(e.label ? { labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 4 } : {}),
  })), [elements, selected, routed]);

  const structure = placements ? nodes.length : -1;
  useEffect(() => {
    if (structure > 0) requestAnimationFrame(() => void fitView({ padding: 0.12, duration: 200, maxZoom: 1.1 }));
  }, [structure, fitView]);

  return (
    <>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onNodeClick={(_e, n) => { if (n.id !== UNSCHEDULED_GROUP) store.getState().select(n.id, 'diagram'); }}
        // Keyboard selection (Tab to a node, Enter) arrives as a select change, not a click.
        onNodesChange={(changes) => {
          const picked = changes.find((c) => c.type === 'select' && c.selected && c.id !== UNSCHEDULED_GROUP);
          if (picked && 'id' in picked && picked.id !== store.getState().selected) store.getState().select(picked.id, 'diagram');
        }}
        onPaneClick={() => store.getState().select(null, 'diagram')}
        minZoom={0.1}
        onlyRenderVisibleElements={nodes.length > 300}
        proOptions={{ hideAttribution: true }}
        aria-label={t('pane.diagram')}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.12 }} aria-label={t('diagram.fitView')} />
      </ReactFlow>
      <PhaseLegend />
      {snapshot && elements.nodes.length === 0 && <div className="diagram-empty">{t('diagram.empty')}</div>}
    </>
  );
}

export default function ClusterDiagram() {
  return <ReactFlowProvider><Diagram /></ReactFlowProvider>;
}

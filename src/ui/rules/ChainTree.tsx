import type { RuleLink, RulesTreeNode } from '../../worker/handlers/rulesTypes.ts';
import { RuleText } from './RuleLine.tsx';

/** The selected Service's chain tree (or virtual servers in ipvs mode) as nested lists. */
export function ChainTree({ node, onPick, label }: { node: RulesTreeNode; onPick: (link: RuleLink) => void; label: string }) {
  return (
    <ul className="chain-tree mono" aria-label={label} data-testid="chain-tree">
      {node.children.map((c, i) => <TreeItem key={i} node={c} onPick={onPick} />)}
    </ul>
  );
}

function TreeItem({ node, onPick }: { node: RulesTreeNode; onPick: (link: RuleLink) => void }) {
  const link = node.link;
  return (
    <li>
      {link?.endpointSlice
        ? <button type="button" className="tree-rule linked" onClick={() => onPick(link)}><RuleText text={node.text} /></button>
        : <span className="tree-rule"><RuleText text={node.text} /></span>}
      {node.children.length > 0 && <ul>{node.children.map((c, i) => <TreeItem key={i} node={c} onPick={onPick} />)}</ul>}
    </li>
  );
}

// The inspector's tab registry: a later view (Rules, Trace, Pods, DNS) is one line here.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { ObjectTab } from './ObjectTab.tsx';
import { RulesTab } from '../rules/RulesTab.tsx';
import { ProblemsTab, useProblemCount } from './ProblemsTab.tsx';
import { TraceTab } from '../trace/TraceTab.tsx';
import { DnsTab } from '../dns/DnsTab.tsx';
import { EnvTab } from '../dns/EnvTab.tsx';
import { IngressTab } from '../dns/IngressTab.tsx';
import { PodsTab } from '../pods/PodsTab.tsx';

export interface InspectorTab {
  readonly id: string;
  readonly label: MessageKey;
  readonly Component: ComponentType;
  /** A small count shown beside the label (e.g. problems); a hook, called every render. */
  readonly useBadge?: () => number;
}

export const inspectorTabs: readonly InspectorTab[] = [
  { id: 'object', label: 'tab.object', Component: ObjectTab },
  { id: 'problems', label: 'tab.problems', Component: ProblemsTab, useBadge: useProblemCount },
  { id: 'trace', label: 'tab.trace', Component: TraceTab },
  { id: 'rules', label: 'tab.rules', Component: RulesTab },
  { id: 'pods', label: 'tab.pods', Component: PodsTab },
  { id: 'dns', label: 'tab.dns', Component: DnsTab },
  { id: 'env', label: 'tab.env', Component: EnvTab },
  { id: 'ingress', label: 'tab.ingress', Component: IngressTab },
];

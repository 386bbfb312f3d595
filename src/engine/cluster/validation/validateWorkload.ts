// Deployment / ReplicaSet / DaemonSet / StatefulSet validation (pkg/apis/apps/validation:
// ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidatePodTemplateSpecForReplicaSet).
import { matchesLabelSelector, type LabelSelector } from '../labels.ts';
import type { Reporter } from './reporter.ts';
import { validateLabels } from './validateMeta.ts';
import { validatePodSpec } from './validatePodSpec.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function validateWorkload(r: Reporter): void {
  const spec = r.object.spec;
  if (!isObj(spec)) return r.required('spec');
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    r.invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0');
  }
  const selector = spec.selector;
  if (!isObj(selector)) r.required('spec.selector');
  else {
    validateLabels(r, selector.matchLabels, 'spec.selector.matchLabels');
    if (!selector.matchLabels && !selector.matchExpressions) r.invalid('spec.selector', selector, 'empty selector is invalid for deployment');
  }
  const template = spec.template;
  if (!isObj(template)) return r.required('spec.template');
  const tmeta = isObj(template.metadata) ? template.metadata : {};
  validateLabels(r, tmeta.labels, 'spec.template.metadata.labels');
  if (isObj(selector) && !matchesLabelSelector(selector as LabelSelector, tmeta.labels as Record<string, string> | undefined)) {
    r.invalid('spec.template.metadata.labels', tmeta.labels ?? {}, '`selector` does not match template `labels`');
  }
  // ValidatePodTemplateSpecForReplicaSet / DaemonSet: only Always makes sense for a controller that keeps Pods running.
  validatePodSpec(r, template.spec, 'spec.template.spec', { restartPolicies: r.object.kind === 'Job' ? ['OnFailure', 'Never'] : ['Always'] });
}

// Pipeline step 3c: workload defaulting (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment,
// SetDefaults_ReplicaSet, SetDefaults_DaemonSet, SetDefaults_StatefulSet). Mutates in place.
import { defaultPodSpec } from './podDefaults.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are untyped JSON here

export function defaultWorkloadSpec(kind: string, spec: Obj): void {
  if (kind !== 'DaemonSet') spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  if (kind === 'Deployment') {
    spec.strategy ??= { type: 'RollingUpdate' };
    if (spec.strategy.type === 'RollingUpdate') spec.strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
    spec.progressDeadlineSeconds ??= 600;
  }
  if (kind === 'DaemonSet') {
    spec.updateStrategy ??= { type: 'RollingUpdate' };
    if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate ??= { maxUnavailable: 1, maxSurge: 0 };
  }
  if (kind === 'StatefulSet') {
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  }
  spec.template ??= {};
  spec.template.metadata ??= {};
  spec.template.spec ??= {};
  defaultPodSpec(spec.template.spec, true);
}

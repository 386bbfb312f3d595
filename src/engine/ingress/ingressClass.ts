// Which Ingresses the lab's controller serves. The lab's controller is ingress-nginx
// (kubernetes/ingress-nginx internal/ingress/controller/store/store.go, ingressclass handling),
// as its Helm chart installs it.
import { objectsOfKind, type ClusterSnapshot } from '../cluster/objects.ts';
import { LEGACY_CLASS_ANNOTATION } from './validateIngress.ts';
import type { IngressSpec } from './ingressSpec.ts';

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export interface IngressControllerConfig {
  /** IngressClass spec.controller this controller owns (`--controller-class`). */
  readonly controllerName: string;
  /** `--ingress-class`: the class name it answers to, also in the legacy annotation. */
  readonly ingressClass: string;
  /**
   * `--watch-ingress-without-class`. ingress-nginx defaults to false; the lab turns it on, as
   * the conformance run does, so an Ingress with no class at all is served.
   */
  readonly watchIngressWithoutClass: boolean;
  /** ingress-nginx `ssl-redirect` (default true): plain HTTP to a TLS host gets 308 to https. */
  readonly sslRedirect: boolean;
  /** Where the controller runs: its namespace and Service (the L4 hop's target). */
  readonly namespace: string;
  readonly serviceName: string;
}

export const DEFAULT_CONTROLLER: IngressControllerConfig = {
  controllerName: 'k8s.io/ingress-nginx',
  ingressClass: 'nginx',
  watchIngressWithoutClass: true,
  sslRedirect: true,
  namespace: 'ingress-nginx',
  serviceName: 'ingress-nginx-controller',
};

export interface IngressClassInfo {
  readonly name: string;
  readonly controller: string;
  readonly isDefault: boolean;
  readonly creationTimestamp?: string;
  /** True for the IngressClass the Helm chart would have installed (not in the user's files). */
  readonly implicit?: boolean;
}

/** The cluster's IngressClasses, plus the controller's own `nginx` class if the files lack it. */
export function ingressClasses(s: ClusterSnapshot, ctl: IngressControllerConfig = DEFAULT_CONTROLLER): IngressClassInfo[] {
  const out: IngressClassInfo[] = objectsOfKind(s, 'IngressClass').map(({ object: o }) => ({
    name: o.metadata.name,
    controller: typeof o.spec?.controller === 'string' ? o.spec.controller : '',
    isDefault: o.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
    creationTimestamp: typeof o.metadata.creationTimestamp === 'string' ? o.metadata.creationTimestamp : undefined,
  }));
  if (!out.some((c) => c.name === ctl.ingressClass)) {
    out.push({ name: ctl.ingressClass, controller: ctl.controllerName, isDefault: false, implicit: true });
  }
  return out;
}

/**
 * The DefaultIngressClass admission plugin (plugin/pkg/admission/network/defaultingressclass):
 * an Ingress created with neither spec.ingressClassName nor the legacy annotation gets the
 * default class; with several defaults, the newest one, ties to the lower name (admission.go
 * getDefaultClass, since kubernetes#110974 in v1.25; before, creation was rejected).
 */
export function defaultIngressClass(classes: readonly IngressClassInfo[]): IngressClassInfo | undefined {
  const defaults = classes.filter((c) => c.isDefault);
  defaults.sort((a, b) => (b.creationTimestamp ?? '').localeCompare(a.creationTimestamp ?? '') || a.name.localeCompare(b.name));
  return defaults[0];
}

export interface ClassDecision {
  readonly handled: boolean;
  /** The class the Ingress ends up with, if any. */
  readonly className?: string;
  readonly via: 'ingressClassName' | 'annotation' | 'defaultClass' | 'withoutClass';
  readonly reason: string;
}

/** Does the controller serve this Ingress? (ingress-nginx store.go: GetIngressClass / IsValid) */
export function classifyIngress(ing: IngressSpec, classes: readonly IngressClassInfo[], ctl: IngressControllerConfig = DEFAULT_CONTROLLER): ClassDecision {
  const legacy = ing.annotations[LEGACY_CLASS_ANNOTATION];
  if (legacy !== undefined) {
    // The annotation is compared with --ingress-class; it takes precedence in ingress-nginx.
    const handled = legacy === ctl.ingressClass;
    return { handled, className: legacy, via: 'annotation', reason: handled ? `annotation ${LEGACY_CLASS_ANNOTATION}=${legacy} is this controller's class` : `annotation ${LEGACY_CLASS_ANNOTATION}=${legacy} names another controller's class` };
  }
  const name = ing.ingressClassName ?? defaultIngressClass(classes)?.name;
  const via = ing.ingressClassName !== undefined ? 'ingressClassName' : 'defaultClass';
  if (name !== undefined) {
    const cls = classes.find((c) => c.name === name);
    if (!cls) return { handled: false, className: name, via, reason: `IngressClass ${JSON.stringify(name)} does not exist: no controller serves this Ingress` };
    const handled = cls.controller === ctl.controllerName;
    return { handled, className: name, via, reason: handled ? `IngressClass ${name} has controller ${cls.controller}` : `IngressClass ${name} belongs to controller ${JSON.stringify(cls.controller)}, not ${ctl.controllerName}` };
  }
  return {
    handled: ctl.watchIngressWithoutClass,
    via: 'withoutClass',
    reason: ctl.watchIngressWithoutClass ? 'no class and no default IngressClass: served because the controller watches Ingresses without class' : 'no class and no default IngressClass: ignored (--watch-ingress-without-class=false)',
  };
}

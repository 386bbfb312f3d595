// API-server validation of an Ingress: an Ingress that fails it is never stored, so it routes
// nothing. pkg/apis/networking/validation/validation.go ValidateIngressSpec, validateIngressRules,
// validateHTTPIngressPath, validateIngressBackend, validateIngressTLS.
import type { Diagnostic } from '../shared/diagnostics.ts';
import { isIP } from '../shared/ip.ts';
import type { IngressBackend, IngressSpec } from './ingressSpec.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// validation.go invalidPathSequences / invalidPathSuffixes (Exact and Prefix paths only)
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Errors (severity error) mean the API server rejects the Ingress. */
export function validateIngress(ing: IngressSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const object = `Ingress ${ing.namespace}/${ing.name}`;
  const err = (path: string, message: string) => out.push({ severity: 'error', message, path, object });

  if (!ing.defaultBackend && ing.rules.length === 0) err('spec', 'either `defaultBackend` or `rules` must be specified');
  if (ing.defaultBackend) validateBackend(ing.defaultBackend, 'spec.defaultBackend', err);
  ing.rules.forEach((r, i) => {
    const rp = `spec.rules[${i}]`;
    if (r.host !== undefined) validateHost(r.host, `${rp}.host`, err);
    r.paths.forEach((p, j) => {
      const pp = `${rp}.http.paths[${j}]`;
      if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
        if (!p.path.startsWith('/')) err(`${pp}.path`, 'must be an absolute path');
        for (const s of INVALID_PATH_SEQUENCES) if (p.path.includes(s)) err(`${pp}.path`, `must not contain '${s}'`);
        for (const s of INVALID_PATH_SUFFIXES) if (p.path.endsWith(s)) err(`${pp}.path`, `cannot end with '${s}'`);
      } else if (p.pathType === 'ImplementationSpecific') {
        if (p.path !== '' && !p.path.startsWith('/')) err(`${pp}.path`, 'must be an absolute path');
      } else {
        err(`${pp}.pathType`, p.pathType ? `Unsupported value: "${p.pathType}": supported values: "Exact", "ImplementationSpecific", "Prefix"` : 'Required value: pathType must be specified');
      }
      validateBackend(p.backend, `${pp}.backend`, err);
    });
  });
  ing.tls.forEach((t, i) => t.hosts.forEach((h, j) => validateHost(h, `spec.tls[${i}].hosts[${j}]`, err)));
  const legacy = ing.annotations[LEGACY_CLASS_ANNOTATION];
  if (ing.ingressClassName !== undefined && legacy !== undefined && legacy !== ing.ingressClassName) {
    err('spec.ingressClassName', `must match the \`${LEGACY_CLASS_ANNOTATION}\` annotation if both are specified`);
  }
  return out;
}

function validateHost(host: string, path: string, err: (p: string, m: string) => void): void {
  if (isIP(host)) return err(path, 'must be a DNS name, not an IP address');
  if (host.includes(':')) return err(path, 'must not contain a port');
  if (host.startsWith('*.')) {
    if (!DNS1123_SUBDOMAIN.test(host.slice(2))) err(path, 'a wildcard DNS-1123 subdomain must start with \'*.\', followed by a valid DNS subdomain');
  } else if (!DNS1123_SUBDOMAIN.test(host) || host.length > 253) {
    err(path, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\'');
  }
}

function validateBackend(b: IngressBackend, path: string, err: (p: string, m: string) => void): void {
  if (!!b.service === !!b.resource) return err(path, 'one backend (`service` or `resource`) must be specified');
  if (!b.service) return;
  if (!DNS1123_LABEL.test(b.service.name)) err(`${path}.service.name`, 'a DNS-1035 label is required');
  const { number, name } = b.service.port;
  if ((number === undefined) === (name === undefined)) err(`${path}.service.port`, 'port name or number is required');
  if (number !== undefined && !(Number.isInteger(number) && number >= 1 && number <= 65535)) err(`${path}.service.port.number`, 'must be between 1 and 65535, inclusive');
  if (name !== undefined && (!PORT_NAME.test(name) || name.length > 15)) err(`${path}.service.port.name`, 'must be an IANA_SVC_NAME');
}

// The Corefile's kubernetes block → the plugin's options, and a fuzz of the reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corednsConfigMap } from '../../cluster/systemObjects.ts';
import { parseCorefileKubernetes } from './corefile.ts';
import { kubeadmCorefile } from './model.ts';

describe('parseCorefileKubernetes', () => {
  it("reads kubeadm's Corefile as kubeadmCorefile()", () => {
    const text = (corednsConfigMap('cluster.local')['data'] as { Corefile: string }).Corefile;
    expect(parseCorefileKubernetes(text)).toEqual({ config: kubeadmCorefile('cluster.local'), problems: [] });
  });
  it.each([
    ['zones from the server block', '.:53 {\n kubernetes\n}', { zones: ['.'] }],
    ['options', 'cluster.local:53 {\n kubernetes CLUSTER.local {\n  pods verified\n  namespaces a b\n  ignore empty_service\n  endpoint_pod_names\n  ttl 0\n  fallthrough\n }\n}', {
      zones: ['cluster.local.'], podMode: 'verified', namespaces: ['a', 'b'], ignoreEmptyService: true, endpointPodNames: true, ttl: 0, fallthrough: [],
    }],
  ])('%s', (_n, text, want) => {
    const r = parseCorefileKubernetes(text);
    expect(r.problems).toEqual([]);
    expect(r.config).toMatchObject(want);
  });
  it('names the line of a bad option', () => {
    expect(parseCorefileKubernetes('.:53 {\n kubernetes cluster.local {\n  ttl 99999\n  pods maybe\n }\n}').problems.map((p) => p.line)).toEqual([3, 4]);
  });
  it('no kubernetes block → null', () => {
    expect(parseCorefileKubernetes('.:53 {\n forward . 8.8.8.8\n}').config).toBeNull();
  });
  it('fuzz: any text gives a result without throwing', () => {
    const tok = fc.oneof(fc.constantFrom('{', '}', 'kubernetes', 'pods', 'ttl', 'fallthrough', '#', '\n', '.:53', 'cluster.local', 'insecure'), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(tok, { maxLength: 60 }), (toks) => {
        const r = parseCorefileKubernetes(toks.join(' '));
        for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
        if (r.config) for (const z of r.config.zones) expect(z.endsWith('.')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

// podlab env -f F… --pod NS/NAME [--container C] [-o text|json]
// The environment the kubelet gives a container (kubelet_pods.go makeEnvironmentVariables), as
// `kubectl exec POD -c C -- env` would list it, with a note of what came from service links.
import { env } from '../../engine/index.ts';
import { parseCommandArgs } from '../args.ts';
import { clusterFromInputs, parseNamespacedName } from '../clusterInput.ts';
import { CliError, Output } from '../io.ts';
import type { Command } from './index.ts';

export const envCommand: Command = {
  usage: 'env     -f F… --pod NS/NAME [--container C] [-o text|json]   # the container environment the kubelet builds',
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { file: { type: 'string', short: 'f', multiple: true }, pod: { type: 'string' }, container: { type: 'string', short: 'c' }, output: { type: 'string', short: 'o' } },
      'env',
    );
    if (!values.pod) throw new CliError('podlab env: --pod NS/NAME is required');
    const format = values.output ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`podlab env: -o must be text or json, got ${JSON.stringify(format)}`);
    const { namespace, name } = parseNamespacedName(values.pod, '--pod', 'env');
    const s = clusterFromInputs(values.file ?? [], 'env');
    const pod = env.findPod(s, namespace, name);
    if (!pod) throw new CliError(`podlab env: pod ${namespace}/${name} not found in the given files`);
    const names = ['initContainers', 'containers', 'ephemeralContainers'].flatMap((k) => ((pod.spec?.[k] ?? []) as { name: string }[]).map((c) => c.name));
    if (values.container && !names.includes(values.container)) {
      throw new CliError(`podlab env: pod ${namespace}/${name} has no container ${JSON.stringify(values.container)} (containers: ${names.join(', ')})`);
    }
    const r = env.resolveContainerEnv(s, pod, { container: values.container });
    const out = new Output();
    if (format === 'json') {
      out.line(JSON.stringify(r, null, 2));
    } else {
      out.line(`# pod ${r.pod}, container ${r.container}`);
      for (const e of r.events) out.line(`# event ${e.type} ${e.reason}: ${e.message}`);
      if (!r.ok) {
        out.line(`# the container does not start: ${r.reason}: ${r.message}`);
      } else {
        for (const v of r.env) out.line(`${v.name}=${v.value}`);
        if (r.command) out.line(`# command (after $(VAR) expansion): ${JSON.stringify(r.command)}`);
        if (r.args) out.line(`# args (after $(VAR) expansion): ${JSON.stringify(r.args)}`);
        const fromLinks = new Map<string, number>();
        for (const v of r.env) if (v.source.kind === 'serviceLink') fromLinks.set(v.source.service, (fromLinks.get(v.source.service) ?? 0) + 1);
        const total = [...fromLinks.values()].reduce((a, b) => a + b, 0);
        out.line(`# ${total} variable(s) from service links${fromLinks.size ? ': ' + [...fromLinks].map(([svc, n]) => `${svc} (${n})`).join(', ') : ''}`);
        out.line('# order: envFrom/env as declared, then service links (the kubelet builds the list from Go maps, so its real order is not defined)');
        out.line('# not shown: variables from the image (PATH …) and the runtime (HOSTNAME)');
      }
    }
    out.flush();
    return 0;
  },
};

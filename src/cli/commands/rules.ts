// podlab rules -f F… [--mode iptables|ipvs|nftables] [--node NAME] [--format save|restore|list]
// The rules kube-proxy programs on one node of the lab cluster (DESIGN.md, "The CLI contract").
import { buildCluster, type ClusterSnapshot } from '../../engine/cluster/index.ts';
import { formatDiagnostic } from '../../engine/shared/diagnostics.ts';
import { buildProxyModel } from '../../engine/kubeproxy/proxyModel.ts';
import { proxierConfigForNode } from '../../engine/kubeproxy/proxierConfig.ts';
import type { ProxierConfig } from '../../engine/kubeproxy/types.ts';
import { firstSyncSaveTables, nodeStateAfterFirstSync, renderList, renderRestore, renderSaveTables, syncProxyRules } from '../../engine/kubeproxy/iptables/index.ts';
import { kubeproxy } from '../../engine/index.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError, Output, readInputs } from '../io.ts';
import type { Command } from './index.ts';

const FORMATS = ['save', 'restore', 'list'] as const;
type Format = (typeof FORMATS)[number];

export interface RenderRequest {
  readonly cluster: ClusterSnapshot;
  readonly config: ProxierConfig;
  readonly format: Format;
  /** For --format list: the table (`iptables -L -n -v -t TABLE`). */
  readonly table: string;
}

/** One renderer per proxy mode. The ipvs and nftables modes register here when they land. */
export const MODE_RENDERERS: Record<string, (req: RenderRequest) => { text: string; warnings: readonly string[] }> = {
  iptables: ({ cluster, config, format, table }) => {
    const model = buildProxyModel(cluster, config);
    const rs = syncProxyRules(model);
    const restore = renderRestore(rs);
    if (format === 'restore') return { text: restore, warnings: model.warnings };
    if (format === 'list') return { text: renderList(nodeStateAfterFirstSync(rs, restore), table, config.ipFamily), warnings: model.warnings };
    return { text: renderSaveTables(firstSyncSaveTables(rs), { family: config.ipFamily }), warnings: model.warnings };
  },
  // ipvsadm -Ln, ipset list, iptables-save (each under a `# command` header); restore = kube-proxy's input.
  ipvs: ({ cluster, config, format }) => {
    const model = buildProxyModel(cluster, config);
    const node = cluster.objects.find((o) => o.object.kind === 'Node' && o.object.metadata.name === config.nodeName)?.object;
    const kpc = cluster.kubeProxyConfig?.ipvs;
    const state = kubeproxy.ipvs.syncIpvsProxyRules(model, { scheduler: kpc?.scheduler ?? '', excludeCIDRs: kpc?.excludeCIDRs ?? [], kubernetesVersion: kubeproxy.ipvs.kubernetesVersionOfNode(node) });
    return { text: kubeproxy.ipvs.renderIpvsNode(state, { family: config.ipFamily, format: format === 'restore' ? 'restore' : 'save' }), warnings: model.warnings };
  },
};

export const rulesCommand: Command = {
  usage: 'rules -f F… [--mode iptables|ipvs] [--node NAME] [--format save|restore|list] [--table nat|filter] [--ipv6]\n' +
    '      # the rules kube-proxy writes on a node: iptables-save text (default), kube-proxy\'s\n' +
    '      # iptables-restore input, or an `iptables -L -n -v -t TABLE` listing',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      f: { type: 'string', multiple: true, short: 'f' },
      mode: { type: 'string' },
      node: { type: 'string' },
      format: { type: 'string' },
      table: { type: 'string' },
      ipv6: { type: 'boolean' },
    }, 'rules');
    if (positionals.length > 0) throw new CliError(`podlab rules: unexpected argument "${positionals[0]}"; manifests go after -f`);
    const format = (values.format ?? 'save') as Format;
    if (!FORMATS.includes(format)) throw new CliError(`podlab rules: --format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
    const table = values.table ?? 'nat';
    if (table !== 'nat' && table !== 'filter') throw new CliError(`podlab rules: --table must be nat or filter, got "${table}"`);
    const cluster = buildCluster(readInputs(values.f ?? []));
    const firstError = cluster.diagnostics.find((d) => d.severity === 'error');
    if (firstError) throw new CliError(formatDiagnostic(firstError));
    const nodes = cluster.objects.filter((o) => o.object.kind === 'Node').map((o) => o.object.metadata.name);
    if (values.node !== undefined && nodes.length > 0 && !nodes.includes(values.node)) {
      throw new CliError(`podlab rules: --node ${values.node}: no such Node (nodes: ${nodes.join(', ')})`);
    }
    const warnings: string[] = [];
    const config = proxierConfigForNode(cluster, { ...(values.node !== undefined ? { nodeName: values.node } : {}), ipFamily: values.ipv6 ? 'IPv6' : 'IPv4', warnings });
    const mode = values.mode ?? config.mode ?? 'iptables';
    const render = MODE_RENDERERS[mode];
    if (!render) throw new CliError(`podlab rules: --mode ${mode}: not available (available: ${Object.keys(MODE_RENDERERS).join(', ')})`);
    const result = render({ cluster, config, format, table });
    for (const w of [...warnings, ...result.warnings]) process.stderr.write(`warning: ${w}\n`);
    const out = new Output();
    out.write(result.text);
    out.flush();
    return 0;
  },
};

// podlab describe pod NS/NAME -f F… [--at DURATION]: kubectl describe pod over the lab cluster,
// the Pod run through its lifecycle to `--at` (simulated time since creation), with its Events.
import { describePod } from '../../engine/pods/describePod.ts';
import type { Pod } from '../../engine/pods/types.ts';
import { parseCommandArgs } from '../args.ts';
import { atFromFlag } from '../simulatedTime.ts';
import { CliError, Output } from '../io.ts';
import type { Command } from './index.ts';

export const describeCommand: Command = {
  usage: 'describe pod NS/NAME -f F… [--at DURATION]   # kubectl describe pod at simulated time DURATION since creation (default 5m)',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { f: { type: 'string', multiple: true, short: 'f' }, at: { type: 'string' }, n: { type: 'string', short: 'n' }, seed: { type: 'string' } },
      'describe',
    );
    const [what, ref] = positionals;
    if (!what || !['po', 'pod', 'pods'].includes(what.toLowerCase())) throw new CliError('podlab describe: only "pod" is supported: podlab describe pod NS/NAME -f FILE');
    if (!ref) throw new CliError('podlab describe pod: name the pod as NS/NAME (or NAME with -n NS)');
    const [ns, name] = ref.includes('/') ? (ref.split('/', 2) as [string, string]) : [values.n ?? 'default', ref];
    const at = atFromFlag(values.at, 'describe');
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new CliError(`podlab describe: --seed must be an integer, got "${values.seed}"`);
    const { simulateFiles } = await import('./getPods.ts');
    const { sim, snapshot } = await simulateFiles(values.f ?? [], at, seed);
    const pod = snapshot.objects.find((o) => o.key === `Pod/${ns}/${name}`)?.object;
    if (!pod) throw new CliError(`Error from server (NotFound): pods "${name}" not found`);
    // A pod printed as written (with its own status) has no simulated events.
    const simulated = sim.pods.some((p) => p.key === `${ns}/${name}`);
    const events = simulated ? sim.eventsFor(`${ns}/${name}`) : [];
    const out = new Output();
    out.write(describePod(pod as unknown as Pod, events, at));
    out.flush();
    return 0;
  },
};

// podlab conformance --family FAMILY FILE.json  (../shared/vectors/README.md)
import { parseCommandArgs } from '../args.ts';
import { CliError, readText } from '../io.ts';
import { FAMILIES, isFamily } from '../conformance/families.ts';
import type { Command } from './index.ts';

export const conformanceCommand: Command = {
  usage: 'conformance --family FAMILY FILE.json   # fill actual… twins; families: ' + Object.keys(FAMILIES).join(', '),
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { family: { type: 'string' } }, 'conformance');
    const family = values.family;
    const file = positionals[0];
    if (!family) throw new CliError('podlab conformance: --family is required');
    if (!isFamily(family)) throw new CliError(`podlab conformance: unknown family "${family}"`);
    if (!file) throw new CliError('podlab conformance: give the vector FILE.json');
    const text = readText(file);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${file}: not JSON: ${(e as Error).message}`);
    }
    const fill = await FAMILIES[family]();
    let out: unknown;
    try {
      out = fill(doc, file);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${file}: ${(e as Error).message}`);
    }
    process.stdout.write(JSON.stringify(out, null, 1) + '\n');
    return 0;
  },
};

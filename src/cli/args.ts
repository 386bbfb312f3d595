// A tiny argument reader on node:util parseArgs, shared by every command.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`podlab ${command}: ${(e as Error).message}`);
  }
}

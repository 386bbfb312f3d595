// podlab trace — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const traceCommand: Command = {
  usage: 'trace … (not built yet)',
  async run() {
    throw new CliError('podlab trace: not built yet');
  },
};

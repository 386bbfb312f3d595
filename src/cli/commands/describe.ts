// podlab describe — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const describeCommand: Command = {
  usage: 'describe … (not built yet)',
  async run() {
    throw new CliError('podlab describe: not built yet');
  },
};

// podlab env — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const envCommand: Command = {
  usage: 'env … (not built yet)',
  async run() {
    throw new CliError('podlab env: not built yet');
  },
};

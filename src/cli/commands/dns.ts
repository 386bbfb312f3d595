// podlab dns — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const dnsCommand: Command = {
  usage: 'dns … (not built yet)',
  async run() {
    throw new CliError('podlab dns: not built yet');
  },
};

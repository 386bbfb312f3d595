// podlab get — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const getCommand: Command = {
  usage: 'get … (not built yet)',
  async run() {
    throw new CliError('podlab get: not built yet');
  },
};

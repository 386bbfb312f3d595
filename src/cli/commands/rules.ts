// podlab rules — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const rulesCommand: Command = {
  usage: 'rules … (not built yet)',
  async run() {
    throw new CliError('podlab rules: not built yet');
  },
};

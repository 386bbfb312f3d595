// podlab ingress — placeholder until its issue lands; see DESIGN.md for the contract.
import { CliError } from '../io.ts';
import type { Command } from './index.ts';

export const ingressCommand: Command = {
  usage: 'ingress … (not built yet)',
  async run() {
    throw new CliError('podlab ingress: not built yet');
  },
};

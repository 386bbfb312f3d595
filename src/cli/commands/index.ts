// The command table. Each command lives in its own file and owns its usage text.
import { conformanceCommand } from './conformance.ts';
import { describeCommand } from './describe.ts';
import { dnsCommand } from './dns.ts';
import { envCommand } from './env.ts';
import { getCommand } from './get.ts';
import { ingressCommand } from './ingress.ts';
import { rulesCommand } from './rules.ts';
import { traceCommand } from './trace.ts';

export interface Command {
  readonly usage: string;
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  get: getCommand,
  describe: describeCommand,
  rules: rulesCommand,
  trace: traceCommand,
  dns: dnsCommand,
  env: envCommand,
  ingress: ingressCommand,
  conformance: conformanceCommand,
};

// The command table. Each command lives in its own file and owns its usage text.
import { conformanceCommand } from './conformance.ts';

export interface Command {
  readonly usage: string;
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  conformance: conformanceCommand,
};

// `podlab`: the engine headless (DESIGN.md, "The CLI contract").
import { CliError } from './io.ts';
import { COMMANDS, type Command } from './commands/index.ts';

const HELP = `podlab — Pod Lab's engine on the command line

Usage:
${Object.values(COMMANDS).map((c: Command) => c.usage.split('\n').map((l) => '  ' + l).join('\n')).join('\n')}

Every command reads manifests with -f (repeatable; - for stdin): multi-document YAML, JSON or
kind: List. Errors go to stderr as file:line:column with exit code 2.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`podlab: unknown command "${name}"; see podlab --help\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(e.message + '\n');
      return e.exitCode;
    }
    process.stderr.write(`podlab ${name}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

// CLI input/output helpers: the boundary where files become text (DESIGN.md habit 5).
import { readFileSync } from 'node:fs';

/** An error the user caused: printed as one line on stderr, exit code 2, nothing on stdout. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export interface InputFile {
  readonly name: string;
  readonly text: string;
}

/** Reads every `-f` argument; `-` is standard input. */
export function readInputs(paths: readonly string[]): InputFile[] {
  if (paths.length === 0) throw new CliError('no input: give one or more -f FILE (or -f - for stdin)');
  return paths.map((p) => {
    try {
      return { name: p === '-' ? '<stdin>' : p, text: readFileSync(p === '-' ? 0 : p, 'utf8') };
    } catch (e) {
      throw new CliError(`${p}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  });
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Output is collected and written at the end, so a failing command prints nothing half-done. */
export class Output {
  private readonly chunks: string[] = [];
  write(text: string): void {
    this.chunks.push(text);
  }
  line(text = ''): void {
    this.chunks.push(text + '\n');
  }
  flush(): void {
    process.stdout.write(this.chunks.join(''));
  }
}

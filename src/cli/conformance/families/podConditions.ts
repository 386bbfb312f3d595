// Placeholder until this family's engine lands: refuses with exit 2 rather than printing
// guesses (vectors/README.md, "Errors").
import { CliError } from '../../io.ts';

export function fill(_doc: unknown, file: string): unknown {
  throw new CliError(`${file}: conformance family "podConditions" is not built yet`);
}

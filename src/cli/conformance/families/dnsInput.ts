// Shared by the DNS families: a fixture-model error becomes the one-line CLI error naming the file.
import { FixtureModelError } from '../../../engine/dns/index.ts';
import { CliError } from '../../io.ts';

export function fixtureOrCliError<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FixtureModelError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}

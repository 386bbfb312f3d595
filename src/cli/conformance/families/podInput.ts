// Reading a Pod out of a pod-family vector case, with a one-line error naming file and field.
import type { Pod } from '../../../engine/pods/types.ts';
import { CliError } from '../../io.ts';
import { asObject } from '../input.ts';

export function readPod(v: unknown, file: string, where: string): Pod {
  const o = asObject(v, file, where);
  const spec = o['spec'];
  if (spec === undefined || spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new CliError(`${file}: ${where}.spec: expected an object`);
  }
  const metadata = o['metadata'] ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw new CliError(`${file}: ${where}.metadata: expected an object`);
  return o as unknown as Pod;
}

// Shared helpers for reading vector documents: every family validates its input shape here
// so that a bad file gets a one-line message naming the file and the missing field.
import { CliError } from '../io.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function asObject(v: unknown, file: string, where: string): JsonObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new CliError(`${file}: ${where}: expected an object`);
  }
  return v as JsonObject;
}

export function asArray(v: unknown, file: string, where: string): Json[] {
  if (!Array.isArray(v)) throw new CliError(`${file}: ${where}: expected a list`);
  return v as Json[];
}

export function asString(v: unknown, file: string, where: string): string {
  if (typeof v !== 'string') throw new CliError(`${file}: ${where}: expected a string`);
  return v;
}

/** `doc[key]` must be a list; returns it (the family fills its items in place on a copy). */
export function requireList(doc: JsonObject, key: string, file: string): Json[] {
  return asArray(doc[key], file, key);
}

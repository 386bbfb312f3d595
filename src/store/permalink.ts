// A scenario in the URL: `#s1=` + base64url(deflate(UTF-8 text)). Deterministic (same text, same
// link), version-tagged so a later format can be told apart, and decoded defensively: a truncated
// or tampered link gives an error message, never an exception.
import { base64urlnopad } from '@scure/base';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

const PREFIX = 's1=';
/** A link that inflates past this is refused (a deflate bomb in a URL). */
const MAX_TEXT = 16 * 1024 * 1024;

export function encodePermalink(text: string): string {
  return `#${PREFIX}${base64urlnopad.encode(deflateSync(strToU8(text), { level: 9 }))}`;
}

export type Decoded = { ok: true; text: string } | { ok: false; error: string } | { ok: false; error: null };

/** `error: null` means the hash holds no scenario at all. */
export function decodePermalink(hash: string): Decoded {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(PREFIX)) return { ok: false, error: null };
  try {
    const bytes = inflateSync(base64urlnopad.decode(h.slice(PREFIX.length)));
    if (bytes.length > MAX_TEXT) return { ok: false, error: 'permalink: scenario larger than 16 MB' };
    return { ok: true, text: strFromU8(bytes) };
  } catch (e) {
    return { ok: false, error: `permalink: cannot decode the scenario (${e instanceof Error ? e.message : String(e)})` };
  }
}

// Deterministic names and hashes the controllers print (DESIGN.md habit 2: no randomness that
// the seed does not decide).
//  - pod-template-hash: controller.ComputeHash (pkg/controller/controller_utils.go) is FNV-32a over
//    the template, then rand.SafeEncodeString of its decimal text. We hash a canonical JSON of the
//    template instead of go-spew's `%#v` dump of the Go struct, so the algorithm is upstream's but
//    the value differs from a real cluster's for the same YAML (a documented fidelity note).
//  - generateName suffixes: names.SimpleNameGenerator uses utilrand.String(5) over the alphabet
//    "bcdfghjklmnpqrstvwxz2456789"; we draw the 5 characters from a hash of (owner, ordinal, seed)
//    so a name never changes when unrelated objects are added.
import { sha256 } from '@noble/hashes/sha2.js';

/** k8s.io/apimachinery/pkg/util/rand: the alphabet without vowels and confusable characters. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const encoder = new TextEncoder();

/** hash/fnv New32a over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Non-ASCII text hashes its UTF-8 bytes, like Go's []byte(string).
    if (c > 0x7f) return fnv32aBytes(encoder.encode(text));
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function fnv32aBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/** rand.SafeEncodeString: each character c → ALPHANUMS[c % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

/** JSON with map keys sorted, so equal objects hash equal whatever order the YAML wrote them in. */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

/**
 * controller.ComputeHash: FNV-32a of the template, with collisionCount's 4 little-endian bytes
 * (padded to 8, as upstream's make([]byte, 8)) appended when set.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJSON(template);
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    text += String.fromCharCode(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0);
  }
  return safeEncodeString(String(fnv32a(text)));
}

/** Five characters of ALPHANUMS, decided by `parts` (and the seed). */
export function nameSuffix(seed: number, ...parts: (string | number)[]): string {
  const digest = sha256(encoder.encode(`${seed}\u0000${parts.join('\u0000')}`));
  let out = '';
  for (let i = 0; i < 5; i++) out += ALPHANUMS[(digest[i] ?? 0) % ALPHANUMS.length];
  return out;
}

/** `n` hex digits derived from FNV-32a of `text`, stretched with a mulberry32-style mixer (cheap, stable, not cryptographic). */
export function hexDigest(text: string, n: number): string {
  let state = fnv32a(text);
  let out = '';
  while (out.length < n) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}

/** A stable RFC 4122-shaped UID for an object key (the apiserver uses a random v4 UUID). */
export function uidFor(key: string): string {
  const hex = hexDigest(key, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

// `$(VAR)` expansion, as the kubelet applies it to env values, command and args.
// kubernetes: third_party/forked/golang/expansion/expand.go (Expand, MappingFuncFor, tryReadVariableName).
// Go indexes strings by byte; this works on UTF-16 code units, which only differs for a '$'
// followed directly by a non-ASCII character (Go would split that character's bytes).

const OPERATOR = '$';
const REFERENCE_OPENER = '(';
const REFERENCE_CLOSER = ')';

/** expansion.go syntaxWrap: an unresolved reference is left as written. */
function syntaxWrap(input: string): string {
  return `${OPERATOR}${REFERENCE_OPENER}${input}${REFERENCE_CLOSER}`;
}

export type Mapping = (name: string) => string;

/**
 * expansion.go MappingFuncFor: the first context that has the name wins; an unknown name
 * expands to `$(name)` verbatim.
 */
export function mappingFuncFor(...contexts: readonly ReadonlyMap<string, string>[]): Mapping {
  return (input) => {
    for (const vars of contexts) {
      const v = vars.get(input);
      if (v !== undefined) return v;
    }
    return syntaxWrap(input);
  };
}

/**
 * expansion.go tryReadVariableName, on the input after the '$': what was read, whether it names
 * a variable, and how many characters were consumed (indices, not slices, so long inputs stay linear).
 */
function tryReadVariableName(s: string, start: number, closers: CloserCache): [string, boolean, number] {
  const c = s[start];
  if (c === OPERATOR) return [OPERATOR, false, 1]; // `$$` is an escaped '$'
  if (c === REFERENCE_OPENER) {
    const close = closers.next(start + 1);
    if (close > start) return [s.slice(start + 1, close), true, close - start + 1];
    return [OPERATOR + REFERENCE_OPENER, false, 1]; // incomplete `$(`: kept, scanning resumes after it
  }
  return [OPERATOR + (c ?? ''), false, 1]; // a '$' that begins nothing is kept with its next character
}

/**
 * The first ')' at or after a position. Positions only grow during one Expand, so the previous
 * answer stays valid until the cursor passes it: a value full of unclosed `$(` stays linear.
 */
class CloserCache {
  private at = -2;
  constructor(private readonly s: string) {}
  next(from: number): number {
    if (this.at === -2 || (this.at !== -1 && this.at < from)) this.at = this.s.indexOf(REFERENCE_CLOSER, from);
    return this.at;
  }
}

/** expansion.go Expand: replaces `$(VAR)` references using `mapping`; `$$` → `$`. */
export function expand(input: string, mapping: Mapping): string {
  let buf = '';
  let checkpoint = 0;
  const closers = new CloserCache(input);
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === OPERATOR && cursor + 1 < input.length) {
      buf += input.slice(checkpoint, cursor);
      const [read, isVar, advance] = tryReadVariableName(input, cursor + 1, closers);
      buf += isVar ? mapping(read) : read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return buf + input.slice(checkpoint);
}

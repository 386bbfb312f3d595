// Duplicate map keys, found in one linear pass. The `yaml` package's own check (`uniqueKeys`,
// compose/util-map-includes.js mapIncludes) scans every earlier pair for every key, which is
// quadratic: a 10 MB ConfigMap with ~90k `data` keys took minutes. The parser runs with
// `uniqueKeys: false` and this reports the same error (code DUPLICATE_KEY, message and offset
// as resolve-block-map.js gives them) with a Set per map.
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLParseError, type Node as YamlNode } from 'yaml';

/** The DUPLICATE_KEY errors below `node`, in document order. */
export function duplicateKeyErrors(node: unknown): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  const walk = (n: unknown): void => {
    if (isMap(n)) {
      const seen = new Set<unknown>();
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        // mapIncludes: equal when both are scalars with the same value (`===`, so NaN never repeats).
        if (isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value))) {
          if (seen.has(key.value) && key.range) out.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        }
        if (key && !isScalar(key) && !isAlias(key)) walk(key);
        walk(pair.value);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) walk(item);
    }
  };
  walk(node);
  return out;
}

/** Merges `extra` (in document order) into `errors` by offset, keeping the parser's own order. */
export function mergeErrors(errors: readonly YAMLParseError[], extra: readonly YAMLParseError[]): YAMLParseError[] {
  if (extra.length === 0) return [...errors];
  const out: YAMLParseError[] = [];
  let j = 0;
  for (const e of errors) {
    while (j < extra.length && extra[j]!.pos[0] < e.pos[0]) out.push(extra[j++]!);
    out.push(e);
  }
  while (j < extra.length) out.push(extra[j++]!);
  return out;
}

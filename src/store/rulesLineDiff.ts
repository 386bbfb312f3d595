// What changed between two renders of the same node and view: lines present now but not before
// (as a multiset, so a moved rule is not "added"), and how many went away.
export interface LineDiff {
  /** Indexes into the new lines that were not in the old render. */
  readonly added: ReadonlySet<number>;
  readonly removed: number;
}

export function lineDiff(before: readonly string[], after: readonly string[]): LineDiff {
  const counts = new Map<string, number>();
  for (const l of before) counts.set(l, (counts.get(l) ?? 0) + 1);
  const added = new Set<number>();
  for (let i = 0; i < after.length; i++) {
    const n = counts.get(after[i]!) ?? 0;
    if (n > 0) counts.set(after[i]!, n - 1);
    else added.add(i);
  }
  let removed = 0;
  for (const n of counts.values()) removed += n;
  return { added, removed };
}

export function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

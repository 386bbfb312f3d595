// Go text/tabwriter as kubectl describe configures it (minwidth 0, tabwidth 8, padding 2, ' '):
// a tab-terminated cell is padded to the widest cell of its column among the adjacent lines
// that also have that column; the last cell of a line is printed as is.

export function tabWrite(text: string, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const maxCols = Math.max(0, ...lines.map((l) => l.length));
  const widths: number[][] = lines.map((l) => l.map(() => 0));
  for (let c = 0; c < maxCols - 1; c++) {
    let i = 0;
    while (i < lines.length) {
      if ((lines[i] as string[]).length <= c + 1) {
        i++;
        continue;
      }
      let j = i;
      let w = 0;
      while (j < lines.length && (lines[j] as string[]).length > c + 1) {
        w = Math.max(w, ((lines[j] as string[])[c] as string).length);
        j++;
      }
      for (let k = i; k < j; k++) (widths[k] as number[])[c] = w + padding;
      i = j;
    }
  }
  return lines
    .map((cells, li) => cells.map((cell, ci) => (ci === cells.length - 1 ? cell : cell.padEnd((widths[li] as number[])[ci] ?? 0))).join(''))
    .join('\n');
}

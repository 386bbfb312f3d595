// kubectl's table layout: text/tabwriter as printers.GetNewTabWriter configures it
// (minwidth 10, tabwidth 4, padding 3, padchar ' ', flags 0). Every cell but the last of a row is
// padded to max(10, widest cell in its column + 3); the last cell is printed as is.

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(10, ...all.map((r) => (r[i] ?? '').length + 3)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('') + '\n').join('');
}

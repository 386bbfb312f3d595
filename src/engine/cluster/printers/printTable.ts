// kubectl's table layout: text/tabwriter as printers.GetNewTabWriter configures it
// (cli-runtime pkg/printers/tabwriter.go: minwidth 6, tabwidth 4, padding 3, padchar ' '). Every cell
// but the last of a row is padded to max(6, widest cell in its column + 3); the last is printed as is.

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(6, ...all.map((r) => (r[i] ?? '').length + 3)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('') + '\n').join('');
}

// Parses `ipset list` (or `ipset save`) output from a real node into the sets `-m set` reads
// (ipset's list format: "Name:", "Type:", header lines, "Members:" then one entry per line;
// save format: `create NAME TYPE …` / `add NAME ENTRY`). Bad lines become diagnostics.
import type { Diagnostic } from '../shared/diagnostics.ts';
import type { IPSet } from './ipset.ts';

export function parseIpsetList(text: string, file = '<ipset list>'): { sets: IPSet[]; diagnostics: Diagnostic[] } {
  const sets: { name: string; type: string; members: string[] }[] = [];
  const diagnostics: Diagnostic[] = [];
  let cur: (typeof sets)[number] | null = null;
  let inMembers = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trim();
    const err = (message: string) => diagnostics.push({ severity: 'error', message, pos: { file, line: i + 1, col: 1 } });
    if (line === '') {
      inMembers = false;
      return;
    }
    const create = /^create\s+(\S+)\s+(\S+)/.exec(line);
    if (create) {
      cur = { name: create[1] as string, type: create[2] as string, members: [] };
      sets.push(cur);
      return;
    }
    const add = /^add\s+(\S+)\s+(\S+)/.exec(line);
    if (add) {
      const s = sets.find((x) => x.name === add[1]);
      if (s) s.members.push(add[2] as string);
      else err(`"add" to undeclared set ${add[1]}`);
      return;
    }
    const name = /^Name:\s*(\S+)$/.exec(line);
    if (name) {
      cur = { name: name[1] as string, type: '', members: [] };
      sets.push(cur);
      inMembers = false;
      return;
    }
    if (!cur) return err(`"${line}" before any "Name:" line`);
    const type = /^Type:\s*(\S+)$/.exec(line);
    if (type) {
      cur.type = type[1] as string;
      return;
    }
    if (line === 'Members:') {
      inMembers = true;
      return;
    }
    if (inMembers) cur.members.push(line.split(/\s+/)[0] as string);
    else if (!/^[A-Z][A-Za-z ]*:/.test(line)) err(`unexpected line "${line}" in set ${cur.name}`);
  });
  for (const s of sets) if (!s.type) diagnostics.push({ severity: 'error', message: `set ${s.name} has no Type`, pos: { file, line: 1, col: 1 } });
  return { sets, diagnostics };
}

// `ipset list` / `ipset save` text from a real node → the sets `-m set` reads; fuzzed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpsetList } from './parseIpsetList.ts';

const LIST = `Name: KUBE-LOOP-BACK
Type: hash:ip,port,ip
Revision: 5
Header: family inet hashsize 1024 maxelem 65536
Size in memory: 472
References: 1
Number of entries: 1
Members:
10.244.0.2,tcp:53,10.244.0.2

Name: KUBE-NODE-PORT-TCP
Type: bitmap:port
Header: range 0-65535
Members:
30080
`;

describe('parseIpsetList', () => {
  it.each([
    ['ipset list', LIST, [{ name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', members: ['10.244.0.2,tcp:53,10.244.0.2'] }, { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', members: ['30080'] }]],
    ['ipset save', 'create KUBE-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536\nadd KUBE-CLUSTER-IP 10.96.0.1,tcp:443\n', [{ name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', members: ['10.96.0.1,tcp:443'] }]],
  ])('%s', (_n, text, sets) => {
    const r = parseIpsetList(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.sets).toEqual(sets);
  });

  it('names the line of what it cannot read', () => {
    const r = parseIpsetList('Members:\nName: X\nbogus line\n', 'sets.txt');
    expect(r.diagnostics.map((d) => d.pos?.line)).toEqual([1, 3, 1]);
  });

  it('fuzz: never throws, every diagnostic has a line', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Name: A', 'Type: hash:ip', 'Members:', '10.0.0.1', 'add A 1.2.3.4', 'create B hash:net', '')), { maxLength: 20 }), (lines) => {
        const r = parseIpsetList(lines.join('\n'));
        for (const d of r.diagnostics) expect(d.pos?.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

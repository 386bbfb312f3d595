import { describe, expect, it } from 'vitest';
import { applyRestoreNoflush } from './applyRestoreNoflush.ts';

const before = '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-SVC-A - [0:0]\n:KUBE-SVC-B - [0:0]\n' +
  '-A PREROUTING -j KUBE-SERVICES\n-A KUBE-SERVICES -d 1.1.1.1 -j KUBE-SVC-A\n-A KUBE-SERVICES -d 2.2.2.2 -j KUBE-SVC-B\n-A KUBE-SVC-A -j DNAT\n-A KUBE-SVC-B -j DNAT\nCOMMIT\n' +
  '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n';

describe('applyRestoreNoflush (iptables-restore --noflush)', () => {
  it('flushes declared chains, keeps undeclared ones, deletes -X chains, leaves other tables alone', () => {
    const partial = '*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-SVC-B - [0:0]\n-A KUBE-SERVICES -d 1.1.1.1 -j KUBE-SVC-A\n-X KUBE-SVC-B\nCOMMIT\n';
    expect(applyRestoreNoflush(before, partial)).toBe(
      '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-SVC-A - [0:0]\n' +
      '-A PREROUTING -j KUBE-SERVICES\n-A KUBE-SERVICES -d 1.1.1.1 -j KUBE-SVC-A\n-A KUBE-SVC-A -j DNAT\nCOMMIT\n' +
      '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n');
  });
  it('-I inserts at the top (or at a rule number)', () => {
    const out = applyRestoreNoflush(before, '*filter\n-I INPUT -j DROP\n-I INPUT 2 -j LOG\nCOMMIT\n');
    expect(out).toContain('-A INPUT -j DROP\n-A INPUT -j LOG\n-A INPUT -j ACCEPT\n');
  });
  it('rejects text that is not restore syntax, naming the line', () => {
    expect(() => applyRestoreNoflush(before, '*nat\nbogus\nCOMMIT\n')).toThrow(/line 2/);
  });
});

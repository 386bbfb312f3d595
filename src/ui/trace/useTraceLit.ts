// The cluster diagram's tiny hook: is this Node or Pod where the traced packet is right now?
import { useAppState } from '../useAppState.ts';

export function useTraceLit(kind: 'node' | 'pod', id: string): boolean {
  return useAppState((s) => {
    const h = s.traceHighlight;
    if (!h) return false;
    return kind === 'node' ? h.node === id && h.pod === null : h.pod === id;
  });
}

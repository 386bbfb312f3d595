// A vertical splitter between two panes: drag with the pointer, or focus it and use the arrow keys
// (WAI-ARIA window splitter).
import type { KeyboardEvent, PointerEvent } from 'react';
import { resizePanes } from '../../store/uiSlice.ts';
import { useAppState, useAppStore } from '../useAppState.ts';

export function Splitter({ index, label }: { index: 0 | 1; label: string }) {
  const store = useAppStore();
  const value = useAppState((s) => s.paneSizes[index]);
  const move = (deltaPct: number) => {
    const s = store.getState();
    s.setPaneSizes(resizePanes(s.paneSizes, index, deltaPct));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    const width = el.parentElement?.getBoundingClientRect().width ?? window.innerWidth;
    let last = e.clientX;
    el.setPointerCapture(e.pointerId);
    const onMove = (ev: globalThis.PointerEvent) => {
      move(((ev.clientX - last) / width) * 100);
      last = ev.clientX;
    };
    const onUp = () => {
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
    };
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') move(-2);
    else if (e.key === 'ArrowRight') move(2);
  };
  return (
    <div className="splitter" role="separator" aria-orientation="vertical" aria-label={label} aria-valuenow={Math.round(value)}
      aria-valuemin={0} aria-valuemax={100} tabIndex={0} onPointerDown={onPointerDown} onKeyDown={onKeyDown} />
  );
}

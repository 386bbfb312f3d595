// A fixed-line-height virtual list: only the rows in view (plus overscan) are in the DOM, so a
// 100k-line iptables-save scrolls as smoothly as a 100-line one.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { visibleRange } from './filterLines.ts';

export const LINE_HEIGHT = 18;

export function VirtualLines({ count, renderRow, label, resetKey, scrollTo }: {
  count: number;
  renderRow: (i: number) => ReactNode;
  label: string;
  /** Scroll back to the top when this changes (another node or command). */
  resetKey: string;
  /** A row to bring into view (e.g. the selected Service's first rule), with a key that changes per request. */
  scrollTo?: { row: number; key: string } | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setHeight(el.clientHeight || 400);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 400));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setTop(0);
  }, [resetKey]);
  useEffect(() => {
    if (!scrollTo || !box.current) return;
    const y = Math.max(0, scrollTo.row * LINE_HEIGHT - LINE_HEIGHT * 2);
    box.current.scrollTop = y;
    setTop(box.current.scrollTop);
  }, [scrollTo?.key]); // only when a new scroll is asked for
  const { start, end } = visibleRange(top, height, LINE_HEIGHT, count);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(<div key={i} className="rule-row" style={{ top: i * LINE_HEIGHT, height: LINE_HEIGHT }}>{renderRow(i)}</div>);
  }
  return (
    <div className="rules-lines mono" ref={box} role="region" aria-label={label} tabIndex={0} data-testid="rules-lines"
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
      <div className="rules-spacer" style={{ height: count * LINE_HEIGHT }}>{rows}</div>
    </div>
  );
}

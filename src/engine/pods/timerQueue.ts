// A min-heap of due instants on the simulated clock, ordered by (time, insertion) so equal
// times fire in the order they were scheduled: determinism without real timers.

export interface Timer<P> {
  readonly at: number;
  readonly seq: number;
  readonly payload: P;
}

export class TimerQueue<P> {
  private readonly heap: Timer<P>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, payload: P): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, payload });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  peek(): Timer<P> | undefined {
    return this.heap[0];
  }

  pop(): Timer<P> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as Timer<P>;
    const y = this.heap[b] as Timer<P>;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    const t = h[a] as Timer<P>;
    h[a] = h[b] as Timer<P>;
    h[b] = t;
  }
}

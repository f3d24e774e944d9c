/**
 * Min-heap of (time, stream id): when each alert stream next needs a look without new
 * data (a point leaving its window, `for` or a cooldown running out). Entries are never
 * removed early; a stale one is recognised by the caller and skipped when popped.
 */
export class WakeQueue {
  private times: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.times.length;
  }

  /** Earliest time queued; Infinity when empty. */
  peekTime(): number {
    return this.times.length === 0 ? Infinity : (this.times[0] as number);
  }

  push(time: number, id: number): void {
    const times = this.times;
    const ids = this.ids;
    let i = times.length;
    times.push(time);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((times[parent] as number) <= time) break;
      times[i] = times[parent] as number;
      ids[i] = ids[parent] as number;
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Removes the earliest entry and returns its id (call only when size > 0). */
  pop(): number {
    const times = this.times;
    const ids = this.ids;
    const top = ids[0] as number;
    const lastTime = times.pop() as number;
    const lastId = ids.pop() as number;
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && (times[right] as number) < (times[left] as number) ? right : left;
        if ((times[child] as number) >= lastTime) break;
        times[i] = times[child] as number;
        ids[i] = ids[child] as number;
        i = child;
      }
      times[i] = lastTime;
      ids[i] = lastId;
    }
    return top;
  }

  clear(): void {
    this.times = [];
    this.ids = [];
  }
}

/** Growable typed-array columns: amortised O(1) append, no per-row objects. */

type TypedArray = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

export class Column<T extends TypedArray> {
  private data: T;
  private used = 0;

  constructor(private readonly ctor: TypedArrayCtor<T>, initialCapacity = 1024) {
    this.data = new ctor(initialCapacity);
  }

  get length(): number {
    return this.used;
  }

  push(value: number): void {
    if (this.used === this.data.length) this.grow(this.used + 1);
    this.data[this.used++] = value;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** A view of the used part; invalidated by the next push that grows the column. */
  view(): T {
    return this.data.subarray(0, this.used) as T;
  }

  /** A view of rows [start, end); invalidated like `view()`. */
  range(start: number, end: number): T {
    return this.data.subarray(start, end) as T;
  }

  /** Drops the first `count` rows (retention), keeping order. */
  dropFront(count: number): void {
    if (count <= 0) return;
    const keep = Math.max(0, this.used - count);
    this.data.copyWithin(0, Math.min(count, this.used), this.used);
    this.used = keep;
  }

  clear(): void {
    this.used = 0;
  }

  /** Grows the capacity to at least `rows` in one step (no-op when already that large). */
  reserve(rows: number): void {
    if (rows > this.data.length) this.resize(rows);
  }

  /** Releases the growth slack (after a bulk read that will not grow much more). */
  shrinkToFit(): void {
    if (this.data.length !== this.used) this.resize(this.used);
  }

  /** Bytes held by the backing store (for memory accounting). */
  get byteLength(): number {
    return this.data.byteLength;
  }

  private grow(min: number): void {
    this.resize(grownCapacity(this.data.length, min));
  }

  private resize(capacity: number): void {
    const next = new this.ctor(capacity);
    next.set(this.data.subarray(0, this.used) as never);
    this.data = next;
  }
}

/** Doubling while small, then 1.5x: amortised O(1) appends without doubling large columns. */
function grownCapacity(capacity: number, min: number): number {
  return Math.max(min, capacity < 4096 ? capacity * 2 + 4 : Math.ceil(capacity * 1.5));
}

type UintArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/**
 * Non-negative integers in the narrowest typed array that has held every value so far:
 * Uint8 → Uint16 → Uint32 → Float64 (exact up to 2^53, e.g. offsets past 4 GiB). Ids of a
 * few event names stay one byte a row; widening copies once per step.
 */
export class UintColumn {
  private data: UintArray;
  private used = 0;
  private max: number;

  constructor(initialCapacity = 1024) {
    this.data = new Uint8Array(initialCapacity);
    this.max = 0xff;
  }

  get length(): number {
    return this.used;
  }

  push(value: number): void {
    if (value > this.max) this.widen(value);
    if (this.used === this.data.length) this.resize(grownCapacity(this.data.length, this.used + 1));
    this.data[this.used++] = value;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  set(index: number, value: number): void {
    if (value > this.max) this.widen(value);
    this.data[index] = value;
  }

  reserve(rows: number): void {
    if (rows > this.data.length) this.resize(rows);
  }

  shrinkToFit(): void {
    if (this.data.length !== this.used) this.resize(this.used);
  }

  get byteLength(): number {
    return this.data.byteLength;
  }

  private widen(value: number): void {
    const capacity = this.data.length;
    let next: UintArray;
    if (value <= 0xffff) {
      next = new Uint16Array(capacity);
      this.max = 0xffff;
    } else if (value <= 0xffffffff) {
      next = new Uint32Array(capacity);
      this.max = 0xffffffff;
    } else {
      next = new Float64Array(capacity);
      this.max = Number.MAX_SAFE_INTEGER;
    }
    next.set(this.data.subarray(0, this.used));
    this.data = next;
  }

  private resize(capacity: number): void {
    const next = new (this.data.constructor as { new (n: number): UintArray })(capacity);
    next.set(this.data.subarray(0, this.used));
    this.data = next;
  }
}

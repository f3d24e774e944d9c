/** Interns strings to dense ids so columns store 4-byte ids instead of repeated strings. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** id 0 is reserved for "absent". */
  constructor() {
    this.values.push('');
  }

  intern(value: string | undefined): number {
    if (value === undefined || value === '') return 0;
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    const id = this.values.length;
    this.values.push(value);
    this.ids.set(value, id);
    return id;
  }

  lookup(value: string): number | undefined {
    return this.ids.get(value);
  }

  get(id: number): string | undefined {
    return id === 0 ? undefined : this.values[id];
  }

  get size(): number {
    return this.values.length - 1;
  }
}

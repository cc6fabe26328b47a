/** A Map that forgets its least recently used entry beyond `max`: visitors' query strings cannot grow memory. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  getOrCreate(key: K, create: () => V): V {
    if (this.map.has(key)) {
      const value = this.map.get(key) as V;
      this.map.delete(key);
      this.map.set(key, value);
      return value;
    }
    const value = create();
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
    return value;
  }
}

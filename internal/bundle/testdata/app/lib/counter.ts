export class Counter<T extends number = number> {
  #count: number;
  #secret = "hidden";
  static #made = 0;

  constructor(start: T) {
    this.#count = start;
    Counter.#made++;
  }

  add(n: number): this {
    this.#count += n;
    return this;
  }

  get value(): number {
    return this.#count;
  }

  static hasSecret(o: object): boolean {
    return #secret in o;
  }
}

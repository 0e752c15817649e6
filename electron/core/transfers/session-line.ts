interface Place<T> {
  /** The user's start order (queue-order.ts): smaller goes first. */
  rank: number;
  /** Position in the one overall order within a rank: smaller goes first. */
  order: number;
  item: T;
}

const before = <T>(a: Place<T>, b: Place<T>): boolean =>
  a.rank < b.rank || (a.rank === b.rank && a.order < b.order);

/**
 * Queued work in the user's order (`rankOf`), then first come, kept as one line per session:
 * when a session has no room (a site that allows one connection), the work behind it for other
 * servers still starts, and finding it costs one look per session rather than a walk through
 * the whole backlog.
 */
export class SessionLine<T> {
  private readonly lines = new Map<string, Place<T>[]>();
  private front = 0;
  private back = 0;
  private count = 0;

  constructor(
    private readonly sessionOf: (item: T) => string,
    private readonly rankOf: (item: T) => number = () => 0,
  ) {}

  get length(): number {
    return this.count;
  }

  /** Adds work at the end of its rank. */
  push(...items: T[]): void {
    for (const item of items) this.insert({ rank: this.rankOf(item), order: ++this.back, item });
  }

  /** Puts work back at the front of its rank (a retry, a paused job, an answered question). */
  unshift(item: T): void {
    this.insert({ rank: this.rankOf(item), order: --this.front, item });
  }

  /** The user changed the order: every waiting item takes its rank again. */
  rerank(): void {
    for (const line of this.lines.values()) {
      for (const place of line) place.rank = this.rankOf(place.item);
      line.sort((a, b) => a.rank - b.rank || a.order - b.order);
    }
  }

  /** The oldest work of the sessions `hasRoom` accepts, left in the line. */
  peek(hasRoom: (sessionId: string) => boolean): T | undefined {
    let best: Place<T> | undefined;
    for (const [sessionId, line] of this.lines) {
      const head = line[0];
      if (head && (best === undefined || before(head, best)) && hasRoom(sessionId)) {
        best = head;
      }
    }
    return best?.item;
  }

  /** Takes out `item`, which `peek` returned. */
  take(item: T): void {
    const sessionId = this.sessionOf(item);
    const line = this.lines.get(sessionId);
    if (line?.[0]?.item !== item) return void this.removeWhere((queued) => queued === item);
    line.shift();
    this.count--;
    if (line.length === 0) this.lines.delete(sessionId);
  }

  /** Everything waiting, in no particular order. */
  items(): T[] {
    return [...this.lines.values()].flatMap((line) => line.map((place) => place.item));
  }

  removeWhere(predicate: (item: T) => boolean): void {
    for (const [sessionId, line] of this.lines) {
      const kept = line.filter((place) => !predicate(place.item));
      this.count -= line.length - kept.length;
      if (kept.length === 0) this.lines.delete(sessionId);
      else if (kept.length !== line.length) this.lines.set(sessionId, kept);
    }
  }

  /** Files a place where its rank and order put it; usually at an end, found at once. */
  private insert(place: Place<T>): void {
    const line = this.lineOf(place.item);
    this.count++;
    const last = line[line.length - 1];
    if (last === undefined || before(last, place)) return void line.push(place);
    let low = 0;
    let high = line.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(line[middle] as Place<T>, place)) low = middle + 1;
      else high = middle;
    }
    line.splice(low, 0, place);
  }

  private lineOf(item: T): Place<T>[] {
    const sessionId = this.sessionOf(item);
    let line = this.lines.get(sessionId);
    if (!line) {
      line = [];
      this.lines.set(sessionId, line);
    }
    return line;
  }
}

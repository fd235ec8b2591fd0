/** Local wall-clock facts of an instant in an IANA zone. */
export interface LocalTime {
  /** 0 = Sunday … 6 = Saturday, in the zone. */
  weekday: number;
  /** Hour of day with fraction (13.5 = 13:30), in the zone. */
  hour: number;
}

const HOUR_MS = 3_600_000;

/**
 * Converts instants to local time in `tz`, DST included. The UTC offset is looked up once
 * per UTC hour and cached: zones change offset on whole UTC hours (or half hours for a
 * handful, whose error of up to 30 minutes is harmless for a traffic shape).
 */
export class LocalClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly tz: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new RangeError(`simulate: unknown time zone "${tz}"`, { cause });
    }
  }

  at(ms: number): LocalTime {
    const local = new Date(ms + this.offsetMs(ms));
    return {
      weekday: local.getUTCDay(),
      hour: local.getUTCHours() + local.getUTCMinutes() / 60,
    };
  }

  /** Milliseconds to add to UTC to get local wall time. */
  offsetMs(ms: number): number {
    const bucket = Math.floor(ms / HOUR_MS);
    const cached = this.offsets.get(bucket);
    if (cached !== undefined) return cached;
    const probe = bucket * HOUR_MS;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(probe))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      parts['year'] ?? 1970,
      (parts['month'] ?? 1) - 1,
      parts['day'] ?? 1,
      parts['hour'] ?? 0,
      parts['minute'] ?? 0,
      parts['second'] ?? 0,
    );
    const offset = asUtc - probe;
    this.offsets.set(bucket, offset);
    return offset;
  }
}

/**
 * Relative volume of contacts writing in, per local hour (0–23): a quiet night, a late-
 * morning peak around 10–12 and an evening one around 19–21, as for retail in the Gulf.
 */
export const HOURLY: readonly number[] = [
  0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, // 00–07
  4, 7, 10, 11, 10, 7, 6, 6, // 08–15
  6, 6, 7, 9, 10, 9, 6, 3, // 16–23
];

/** Relative volume per local weekday, 0 = Sunday; Friday (prayer, family day) is quiet. */
export const WEEKDAY: readonly number[] = [0.9, 1, 1, 1, 1, 0.6, 0.85];

/**
 * Contact-opened conversations per unit of hourly weight at scale 1. The weights sum to
 * ~122 a day, so a weekday gets ~175 arrivals plus replies to broadcasts and reopens.
 */
export const ARRIVALS_PER_WEIGHT = 1.43;

/** Weight of a local hour and weekday (fractional hours are floored). */
export function weightAt(hour: number, weekday: number): number {
  return (HOURLY[Math.floor(hour) % 24] ?? 0) * (WEEKDAY[weekday] ?? 1);
}

/** Daytime activity of systems and staff (backend notifications, OTPs): 1 by day, low at night. */
export function businessActivity(hour: number): number {
  return hour >= 8 && hour < 23 ? 1 : 0.1;
}

/** The hour and minute a clock on the wall shows in one time zone. */
export interface ZonedWallClock {
  readonly hour: number;
  readonly minute: number;
}

/**
 * A reader of the wall-clock hour and minute of an instant in `timeZone` (24-hour clock), built once
 * per expression so each run time costs one format call.
 *
 * @example
 * wallClockReader('Europe/Paris')(new Date('2026-01-15T10:30:00Z')); // { hour: 11, minute: 30 }
 */
export function wallClockReader(timeZone: string): (instant: Date) => ZonedWallClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  return (instant) => {
    const parts = format.formatToParts(instant);
    const hour = Number(parts.find((part) => part.type === 'hour')?.value);
    const minute = Number(parts.find((part) => part.type === 'minute')?.value);
    return { hour, minute };
  };
}

/** Adds working days (Monday to Friday) to an instant; weekends do not count. */
export function addWorkingDays(start: Date, days: number): Date {
  const result = new Date(start.getTime())
  let remaining = days
  while (remaining > 0) {
    result.setUTCDate(result.getUTCDate() + 1)
    const weekday = result.getUTCDay()
    if (weekday !== 0 && weekday !== 6) remaining--
  }
  return result
}

/** The calendar date (YYYY-MM-DD, UTC) of an ISO instant. */
export function isoDay(instant: string | Date): string {
  return (typeof instant === 'string' ? new Date(instant) : instant).toISOString().slice(0, 10)
}

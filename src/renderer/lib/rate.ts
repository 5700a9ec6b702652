/**
 * Arrivals per second over the last `windowMs`, from arrival times kept newest last. When every
 * kept arrival falls inside the window (the list is bounded), the rate is taken over their span.
 */
export function arrivalRate(times: readonly number[], now: number, windowMs = 10_000): number {
  if (times.length === 0) return 0;
  const from = now - windowMs;
  let inside = 0;
  for (let i = times.length - 1; i >= 0 && (times[i] ?? 0) >= from; i--) inside++;
  if (inside === 0) return 0;
  const oldest = times[times.length - inside] ?? now;
  const spanMs = inside === times.length && oldest > from ? Math.max(now - oldest, 1000) : windowMs;
  return (inside * 1000) / spanMs;
}

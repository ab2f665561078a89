/**
 * Waits between Describe attempts after a Create that AWS does not report yet: doubling from
 * `firstMs`, the last one trimmed so the waits add up to `budgetMs` (ACK retries ReadOne for ~10 s).
 */
export function readAfterCreateDelays(budgetMs = 10_000, firstMs = 500): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let d = firstMs; total < budgetMs; d *= 2) {
    const next = Math.min(d, budgetMs - total);
    delays.push(next);
    total += next;
  }
  return delays;
}

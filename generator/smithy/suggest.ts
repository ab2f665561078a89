export interface ClosestOptions {
  /** How many names to return (3). */
  max?: number;
  /** Also count a name that contains the input or is contained in it (off). */
  containment?: boolean;
}

/**
 * Did-you-mean: up to `max` candidates close to `input` (case-insensitive edit distance
 * up to a third of its length), closest first, ties alphabetical.
 */
export function closestNames(
  input: string,
  candidates: Iterable<string>,
  options: ClosestOptions | number = {},
): string[] {
  const { max = 3, containment = false } = typeof options === 'number' ? { max: options } : options;
  const want = input.toLowerCase();
  const limit = Math.max(1, Math.floor(want.length / 3));
  const scored: Array<[number, string]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === want) {
      scored.push([0, c]);
      continue;
    }
    const contains = containment && want.length >= 3 && (lc.includes(want) || want.includes(lc));
    const d = editDistance(want, lc, limit);
    if (d <= limit) scored.push([d, c]);
    else if (contains) scored.push([limit + 1, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return scored.slice(0, max).map(([, c]) => c);
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** ' (did you mean a, b?)'-style hint text, or undefined when nothing is close. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  options?: ClosestOptions,
): string | undefined {
  const near = closestNames(input, candidates, options);
  return near.length ? `did you mean ${near.join(', ')}?` : undefined;
}

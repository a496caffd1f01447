// "Did you mean": the known word closest to a mistyped one, as kubectl and git suggest. A prefix
// of exactly one word wins (`rot` -> rotate); otherwise the nearest by optimal string alignment
// distance (a swap of two neighbours is one edit: `--tll` -> --ttl), within 2 edits and never more
// than a third of the word, so a short unrelated word suggests nothing.

/** Edits (insert, delete, substitute, swap neighbours) between a and b. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The candidate the user most likely meant, or undefined when none is close. Case is ignored. */
export function closestWord(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  if (word === '') return undefined;
  const prefixed = candidates.filter((candidate) => candidate.toLowerCase().startsWith(word));
  if (prefixed.length === 1 && word.length >= 2) return prefixed[0];
  const limit = Math.min(2, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean X?)`, or '' when nothing is close. */
export function didYouMean(typed: string, candidates: readonly string[], show: (word: string) => string = (word) => word): string {
  const match = closestWord(typed, candidates);
  return match === undefined ? '' : `did you mean ${show(match)}?`;
}

// Names sorted as kubectl sorts them (Go's sort.Strings: byte order, which for these names is
// UTF-16 code-unit order), not by locale. String.localeCompare's first call builds an ICU collator,
// 4-7 ms of every command that lists contexts (measured in fresh Node 24 processes), and its order
// depends on the machine's locale: `Prod` and `lab` swap places between machines.

/** Compares two strings by UTF-16 code units: a comparator for Array.prototype.sort. */
export function byCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

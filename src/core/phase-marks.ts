// Where a one-shot command is in its run, for benchmarks: `phaseMark('listed')` calls the
// recorder a benchmark preloads (bench/support/phase-marks.mjs) and does nothing otherwise (one
// global lookup). The marks let `npm run bench` say which part of `tokentui list` grew.
const RECORDER = Symbol.for('tokentui.phaseMark');

/** Records that the run reached `name` (first time only), when a benchmark is listening. */
export function phaseMark(name: string): void {
  const recorder = (globalThis as Record<symbol, unknown>)[RECORDER];
  if (typeof recorder === 'function') (recorder as (name: string) => void)(name);
}

// Which adapter the embedded demo runs (it is the reference REST server): known before the demo
// starts, so `--demo --adapter X` is refused without loading the server and node:sqlite.
export const DEMO_ADAPTER = 'rest';

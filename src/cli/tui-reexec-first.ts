// Imported first by src/process-main.ts, for the single executable, which has no launcher: in its
// one-file bundle this module's body runs before any other module's, so the UI's re-exec
// (tui-heap.ts) skips evaluating the rest. Under the launcher (npm install) the launcher has
// already decided, and this asks the same question of the same argv again, for a few microseconds.
import { reexecTuiWithHeapFlags } from './tui-heap.ts';

reexecTuiWithHeapFlags();

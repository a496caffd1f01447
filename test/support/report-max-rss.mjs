// Preloaded into a CLI process (`node --import`) by the hostile-server suite: at exit, writes the
// process's peak resident set size in KiB (getrusage ru_maxrss) to $TOKENTUI_TEST_MAX_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.TOKENTUI_TEST_MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));

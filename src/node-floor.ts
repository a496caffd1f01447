// The oldest Node.js tokentui runs on, and the one line that says so when the running Node is
// older. The floor is what the code needs, not a guess: node:sqlite (the demo backend and
// `serve`) is built in without a flag from 22.13 (on 23.x only from 23.4, and 23 is end-of-life);
// ink 8, conf 16 and ky 2 need 22. Older Node fails deep inside with messages that do not say
// why (Node 18: "Invalid regular expression flags"; 22.0-22.12: "No such built-in module:
// node:sqlite"). package.json's `engines` states the same range (test/cli/node-floor.test.ts).
// Bundled into the launcher, so it must stay plain: nothing Node 14 cannot run.

/** package.json `engines.node`. */
export const SUPPORTED_NODE_RANGE = '^22.13.0 || >=24.0.0';

/** Whether Node `version` ("v22.13.0" or "22.13.0") is in SUPPORTED_NODE_RANGE. */
export function isSupportedNode(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\./.exec(version);
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major >= 24 || (major === 22 && minor >= 13);
}

/** The one-line refusal: what is needed, what was found, and the two ways out. */
export function unsupportedNodeMessage(version: string, execPath: string): string {
  return (
    `tokentui: needs Node.js 22.13 or a later 22.x, or 24 or newer; found ${version} (${execPath}). ` +
    'Install a newer Node.js, or use the single executable tokentui-linux-x64, which needs no Node.js (README: Install).'
  );
}

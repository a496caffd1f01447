// V8's young generation while a one-shot command reads a big list. V8 doubles the young
// generation's semi-spaces (up to 16 MB each) whenever much of it survives a scavenge, and a
// list being read is mostly survivors (the mapped tokens), so `tokentui list` with 10,000 tokens
// grew it to 32 MB and peaked at 119 MB resident, against kubeadm's 84 MB. Kept at its starting
// size it peaked at 97 MB with no more CPU: the scavenges are small and reuse the pages already
// touched (bench/list-vs-kubeadm.mjs). Unlike the semi-space maximum, which only start-up flags
// set, the growth factor is read when V8 grows the space, so it can be set at run time (the TUI
// caps its young generation the same way: src/ui/young-generation-cap.ts). But any changed V8 flag also makes V8 refuse every code cache while it stands
// (Node's own, for the built-in modules, and the compile cache): loading node:https took 10.6 ms
// instead of 5.0. Hence only around the read, and the default put back after it.
import { nodeV8 } from '../kube/node-builtins.ts';

/** V8's own default for --semi-space-growth-factor. */
const V8_DEFAULT_GROWTH_FACTOR = 2;

/** Stops the young generation from growing until the returned function is called. */
export function keepYoungGenerationSmall(): () => void {
  const v8 = nodeV8();
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return () => v8.setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
}

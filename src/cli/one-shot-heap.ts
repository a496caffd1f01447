// V8's young generation for a one-shot command that reads a big list. V8 doubles the young
// generation's semi-spaces (up to 16 MB each) whenever much of it survives a scavenge, and a
// list being read is mostly survivors (the mapped tokens), so `tokentui list` with 10,000
// tokens grew it to 32 MB and peaked at 119 MB resident, against kubeadm's 84 MB. Kept at its
// starting size it peaked at 92 MB, with no more CPU: the scavenges are small and the pages
// already touched are reused (bench/list-vs-kubeadm.mjs). Unlike the semi-space maximum (which
// the TUI sets by re-exec: tui-heap.ts), the growth factor is read when V8 grows the space, so
// setting it at run time works.
import { nodeV8 } from '../kube/node-builtins.ts';

let applied = false;

/** Stops the young generation from growing for the rest of this process (once; cheap: 0.2 ms). */
export function keepYoungGenerationSmall(): void {
  if (applied) return;
  applied = true;
  nodeV8().setFlagsFromString('--semi-space-growth-factor=1');
}

// Whether a command line asks for several contexts (-A, --all-contexts, --contexts, --context-glob),
// read from argv alone before it is parsed (process-main.ts decides the process's default trust
// then). Conservative: a short-flag group holding an A counts, so an unusual spelling can only
// cost the start-up shortcut, never give a REST server the wrong trust store.
export function namesSeveralContexts(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--all-contexts' || arg === '--contexts' || arg.startsWith('--contexts=') || arg === '--context-glob' || arg.startsWith('--context-glob=')) return true;
    if (/^-[^-]/.test(arg) && arg.includes('A')) return true;
  }
  return false;
}

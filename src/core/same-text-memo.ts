// A file's parse, reused while the file's text is the same: one command may read the same file
// several times (a fleet command reads the kubeconfig to list the contexts and again per context
// it opens, and config.json for the remembered context's flag and again to list the contexts).
// Keyed by the text itself, so an edited file is parsed, and checked, again. A parse that throws
// is not kept. Pure: the caller reads the file.

/** `parse`, remembering the last answer per path until that path's text changes. */
export function sameTextMemo<T>(parse: (path: string, text: string) => T): (path: string, text: string) => T {
  const last = new Map<string, { readonly text: string; readonly value: T }>();
  return (path, text) => {
    const known = last.get(path);
    if (known !== undefined && known.text === text) return known.value;
    const value = parse(path, text);
    last.set(path, { text, value });
    return value;
  };
}

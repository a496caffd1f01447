// Node builds its default CA store (its bundled Mozilla certificates and what else it trusts by
// default, ~270 certificates parsed from PEM: 3.3 ms of `tokentui list` here, the "addCACerts"
// of issue 19's profiles) the first time any secure context is given a CA of its own, only to
// compare that context's store with it. A process whose every connection names its CA never uses
// that default store, so it can set it to the CA it is about to use instead
// (tls.setDefaultCACertificates, Node >= 24.5), which costs a parse of that one certificate.
// Only `tokentui list` does (commands/list.ts, through CliIo.declareSingleTrust, which only
// process-main.ts binds): it talks to one server, over one agent whose CA is explicit (the
// kubeconfig's, or the OS store read by system-trust.ts), or to a REST server or the demo, which
// make no kube agent; and `list` over several contexts when all are kubeconfig contexts
// (list-fleet.ts). Anything longer-lived, or talking to other servers too (the TUI, `contexts`,
// a rotation's supervisor), keeps Node's own default for connections that rely on it (the REST
// adapter's).
// node:tls straight from the process (Node >= 22.3, as every supported one): node-builtins.ts
// calls this module when it makes an agent, so importing it back would be a cycle.

let singleTrustProcess = false;
let replaced = false;

/** This process talks only to servers whose CA each connection names (`tokentui list`: CliIo.declareSingleTrust). */
export function declareSingleTrustProcess(): void {
  singleTrustProcess = true;
}

/** Called before a secure context is made with `ca`: lets it be the process default, once, when allowed. */
export function adoptAsDefaultTrust(ca: string | undefined): void {
  if (!singleTrustProcess || replaced || ca === undefined) return;
  replaced = true;
  const tls = process.getBuiltinModule('node:tls') as { setDefaultCACertificates?: (certificates: string[]) => void };
  try {
    tls.setDefaultCACertificates?.([ca]);
  } catch {
    // Not a certificate it can parse: the secure context made next reports it, as before.
  }
}

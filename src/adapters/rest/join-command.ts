// The command a machine runs to join with a freshly minted token: one curl that redeems it.
// Double-quoted JSON so the machine's `$(hostname)` expands; the server URL is single-quoted
// so nothing in it is interpreted by the shell.
import { TokenTuiError } from '../../core/errors.ts';
import { REST_SOURCE } from './http.ts';

function shellSingleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Secrets are `<id>.<16 chars>` of [a-z0-9]: nothing a double-quoted shell string would expand. */
const SAFE_SECRET = /^[A-Za-z0-9._~-]+$/;

export function buildJoinCommand(server: string, secret: string): string {
  if (!SAFE_SECRET.test(secret)) {
    throw new TokenTuiError('server', 'the server returned a token secret with characters unsafe in a shell command', {
      source: REST_SOURCE,
    });
  }
  const url = `${server.replace(/\/+$/, '')}/api/v1/bootstrap`;
  const body = `"{\\"token\\":\\"${secret}\\",\\"machine\\":\\"$(hostname)\\"}"`;
  return `curl -fsS -X POST ${shellSingleQuote(url)} -H 'content-type: application/json' -d ${body}`;
}

// Impersonate-* headers exactly as client-go's ImpersonatingRoundTripper sends them for a
// kubeconfig user with as / as-uid / as-groups / as-user-extra: one Impersonate-Group line per
// group, one Impersonate-Extra-<key> line per value, the key percent-encoded where it is not an
// HTTP token character (and `%` itself), which the apiserver decodes again.
import type { KubeImpersonation } from './connection.ts';

const TOKEN_CHARACTER = /^[!#$&'*+\-.^_`|~0-9A-Za-z]$/;

/** client-go's headerKeyEscape: %-encode every byte that is not a token character, and `%`. */
export function escapeExtraKey(key: string): string {
  let escaped = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const character = String.fromCharCode(byte);
    escaped += byte < 0x80 && TOKEN_CHARACTER.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return escaped;
}

/** Header name -> value; an array is sent as one header line per item. */
export type ImpersonationHeaders = Readonly<Record<string, string | readonly string[]>>;

export function impersonationHeaders(impersonate: KubeImpersonation | undefined): ImpersonationHeaders {
  if (impersonate === undefined) return {};
  const headers: Record<string, string | readonly string[]> = { 'Impersonate-User': impersonate.user };
  if (impersonate.uid !== undefined) headers['Impersonate-Uid'] = impersonate.uid;
  if (impersonate.groups.length > 0) headers['Impersonate-Group'] = impersonate.groups;
  for (const [key, values] of Object.entries(impersonate.extra)) {
    if (values.length > 0) headers[`Impersonate-Extra-${escapeExtraKey(key)}`] = values;
  }
  return headers;
}

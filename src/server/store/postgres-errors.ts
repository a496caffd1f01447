// Which PostgreSQL failures mean "the database cannot serve now" (answered 503, retried by
// clients) rather than a bug (500): lost or refused connections, a server shutting down or
// starting, a read-only standby, a full disk, timeouts. Also: URLs without their password.

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const DRIVER_CONNECTION_MESSAGES = /connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|not queryable|connection timeout/i;

export function postgresUnavailableReason(error: unknown): 'database-unreachable' | 'database-read-only' | 'database-full' | 'database-busy' | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERRNOS.has(code)) return 'database-unreachable';
    if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('28') || code === '3D000') return 'database-unreachable';
    if (code === '25006') return 'database-read-only'; // read_only_sql_transaction: a standby, or default_transaction_read_only
    if (code === '53100') return 'database-full';
    if (code.startsWith('53') || code === '57014' || code === '40001' || code === '40P01' || code === '55P03') return 'database-busy';
  }
  if (/query read timeout/i.test(error.message)) return 'database-busy';
  if (DRIVER_CONNECTION_MESSAGES.test(error.message)) return 'database-unreachable';
  return null;
}

/** The URL as it may be shown: its password (if any) replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Whether a postgres:// URL carries a password (it must not come from argv). */
export function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '' || /[?&]password=/i.test(url);
  } catch {
    return /:[^/@]*@/.test(url);
  }
}

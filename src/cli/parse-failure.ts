// node:util's parseArgs errors span several lines and suggest `--` tricks; args.ts reports one short line.
export function describeParseFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const missing = /^Option '([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return `option '${missing[1]}' needs a value`;
  const ambiguous = /^Option '([^' ]+)' argument is ambiguous/.exec(message);
  if (ambiguous) return `option '${ambiguous[1]}' needs a value (write ${ambiguous[1]}=-VALUE for one that starts with '-')`;
  const noValue = /^Option '([^']+)' does not take an argument/.exec(message);
  if (noValue) return `option '${noValue[1]}' does not take a value`;
  return (message.split('\n')[0] ?? message).replace(/\.$/, '');
}

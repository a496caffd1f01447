// node:util's parseArgs errors span several lines and suggest `--` tricks; args.ts reports one
// short line, and for an unknown option the option itself, so it can suggest the one meant.
export interface ParseFailure {
  readonly message: string;
  /** `--tll`: the option parseArgs did not know. */
  readonly unknownOption?: string;
}

export function describeParseFailure(error: unknown): ParseFailure {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return { message: `unknown option '${unknown[1]}'`, unknownOption: unknown[1]! };
  const missing = /^Option '([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return { message: `option '${missing[1]}' needs a value` };
  const ambiguous = /^Option '([^' ]+)' argument is ambiguous/.exec(message);
  if (ambiguous) return { message: `option '${ambiguous[1]}' needs a value (write ${ambiguous[1]}=-VALUE for one that starts with '-')` };
  const noValue = /^Option '([^']+)' does not take an argument/.exec(message);
  if (noValue) return { message: `option '${noValue[1]}' does not take a value` };
  return { message: (message.split('\n')[0] ?? message).replace(/\.$/, '') };
}

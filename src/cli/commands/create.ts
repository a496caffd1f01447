// `tokentui create`: validates every flag before a single request, creates one token and
// prints it once (or its join command): the only place the CLI ever prints a secret.
import type { AdapterCapabilities, TokenAdapter } from '../../adapters/contract.ts';
import { whyUnavailable } from '../../adapters/operations/availability.ts';
import { supports } from '../../adapters/operations/capabilities.ts';
import { createToken, joinCommandFor } from '../../adapters/operations/create.ts';
import { parseList, validateGroup, validateUsages } from '../../core/bootstrap-token.ts';
import { formatGoDuration, parseDuration } from '../../core/duration.ts';
import { ExitCode, TokenTuiError } from '../../core/errors.ts';
import type { CreatedToken, CreateTokenRequest } from '../../core/token.ts';
import { usageError } from '../args.ts';
import type { CommandOptions } from '../args.ts';
import { startMutationAudit, type MutationAudit } from '../audit-context.ts';
import { readFieldFlags } from '../field-flags.ts';
import { actedOn, actedOnLine } from '../acted-on.ts';
import { dataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import { checkTtlSeconds } from '../../core/ttl-input.ts';

const TTL_EXAMPLE = 'e.g. --ttl 24h, --ttl 90m, or --ttl 0 for no expiry';
const CREATE_HELP = "run 'tokentui create --help'";

/** --ttl as seconds (null = never); undefined = not given. Pure: runs before any I/O. */
export function parseTtlFlag(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  const parsed = parseDuration(value);
  if (!parsed.ok) throw usageError(`--ttl: ${parsed.error}`, TTL_EXAMPLE);
  return parsed.seconds;
}

function checkTtlBounds(ttlSeconds: number | null, capabilities: AdapterCapabilities, adapterId: string): void {
  const bounds = capabilities.ttl;
  const setting = bounds.serverSetting;
  if (setting !== undefined && ttlSeconds !== bounds.defaultSeconds) {
    throw usageError(
      `--ttl: the server sets every token's lifetime (${setting.name} = ${setting.value}); the ${adapterId} adapter cannot give one token another`,
      `leave out --ttl, or change the setting first: tokentui server-ttl ${ttlSeconds === null ? 'DUR' : formatGoDuration(ttlSeconds)} (confirmed on its own)`,
    );
  }
  // The same check and words as the TUI's create form and rotate (core/ttl-input.ts: one source).
  const check = checkTtlSeconds(ttlSeconds, bounds);
  if (!check.ok) throw usageError(`--ttl: ${check.error} (the ${adapterId} adapter)`, TTL_EXAMPLE);
}

function readUsages(flag: string | undefined, capabilities: AdapterCapabilities, adapterId: string): readonly string[] | undefined {
  if (capabilities.usages.length === 0) {
    if (flag !== undefined) throw usageError(`--usages: tokens of the ${adapterId} adapter have no usages`, CREATE_HELP);
    return undefined;
  }
  if (flag === undefined) return capabilities.defaultUsages;
  const usages = parseList(flag);
  const problem =
    validateUsages(usages) ??
    (usages.find((usage) => !capabilities.usages.includes(usage)) === undefined
      ? null
      : `valid usages: ${capabilities.usages.join(', ')}`);
  if (problem !== null) throw usageError(`--usages: ${problem}`, CREATE_HELP);
  return [...new Set(usages)].sort();
}

function readGroups(flag: string | undefined, capabilities: AdapterCapabilities, adapterId: string): readonly string[] | undefined {
  if (!capabilities.groups) {
    if (flag !== undefined) throw usageError(`--groups: tokens of the ${adapterId} adapter have no groups`, CREATE_HELP);
    return undefined;
  }
  if (flag === undefined) return capabilities.defaultGroups;
  const groups = parseList(flag);
  for (const group of groups) {
    const problem = validateGroup(group);
    if (problem !== null) throw usageError(`--groups: ${problem}`, CREATE_HELP);
  }
  return [...new Set(groups)];
}

/** The request for `adapter`, or a 'usage' error naming the flag at fault. */
export function buildCreateRequest(options: CommandOptions, ttlFlag: number | null | undefined, adapter: TokenAdapter): CreateTokenRequest {
  const { capabilities, id } = adapter;
  const unavailable = whyUnavailable(adapter, 'create', { readonly: false });
  if (unavailable !== null) throw new TokenTuiError('unsupported', unavailable.message, { source: id });
  if (options.printJoinCommand && !supports(adapter, 'joinCommand')) {
    throw usageError(`--print-join-command: the ${id} adapter has no join command`, CREATE_HELP);
  }
  const ttlSeconds = ttlFlag === undefined ? capabilities.ttl.defaultSeconds : ttlFlag;
  checkTtlBounds(ttlSeconds, capabilities, id);
  const fields = readFieldFlags(options.fieldFlags, adapter);
  return {
    description: options.description ?? '',
    ttlSeconds,
    usages: readUsages(options.usages, capabilities, id),
    groups: readGroups(options.groups, capabilities, id),
    ...(Object.keys(fields).length === 0 ? {} : { fields }),
  };
}

// The token exists by now but nobody saw its secret: say so, so it does not linger unnoticed.
async function joinCommandOrExplain(adapter: TokenAdapter, created: CreatedToken): Promise<string> {
  const join = await joinCommandFor(adapter, created);
  if (join.kind === 'ready') return join.command;
  if (join.kind === 'none') throw new TokenTuiError('unsupported', 'this backend has no join command', { source: adapter.id });
  // The create itself succeeded: whatever went wrong is a backend failure (exit 1), not "not found".
  const failure = join.error;
  const kind = failure.exitCode === ExitCode.backend ? failure.kind : 'server';
  throw new TokenTuiError(kind, `${failure.message} (while building the join command)`, {
    hint: `token "${created.token.id}" was created but not shown; revoke it and retry without --print-join-command`,
    cause: failure,
  });
}

// One audit record for the create itself (id and outcome, never the secret); a failure to build
// the join command afterwards does not undo the create, so it is not a second record.
async function createAudited(adapter: TokenAdapter, request: CreateTokenRequest, audit: MutationAudit): Promise<CreatedToken> {
  const outcome = await createToken(adapter, request, { record: (entry) => audit.record(entry) });
  if (outcome.kind === 'failed') throw outcome.error;
  return outcome.created;
}

export const runCreate: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  if (invocation.globals.readonly) {
    throw new TokenTuiError('confirmation-required', 'read-only mode: create is a mutation', {
      hint: 'run without --readonly to create a token',
    });
  }
  const { options } = invocation;
  const ttlFlag = parseTtlFlag(options.ttl);
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await openAdapter();
  try {
    const request = buildCreateRequest(options, ttlFlag, adapter);
    const audit = startMutationAudit(io, adapter, clock);
    const created = await createAudited(adapter, request, audit);
    const joinCommand = options.printJoinCommand ? await joinCommandOrExplain(adapter, created) : undefined;
    const { token } = created;
    if (write !== undefined) {
      const remaining = token.expiresAt === null ? null : Math.max(0, Math.floor((token.expiresAt - clock.now()) / 1000));
      write({
        ...actedOn(adapter),
        id: token.id,
        token: created.secret,
        expiresAt: token.expiresAt === null ? null : formatRfc3339(token.expiresAt),
        ttlSeconds: remaining,
        usages: token.usages,
        groups: token.groups,
        description: token.description,
        ...(token.scope === undefined ? {} : { scope: token.scope }),
        ...(token.fields === undefined ? {} : { fields: token.fields }),
        ...(joinCommand === undefined ? {} : { joinCommand }),
      }, `token/${token.id}`);
    } else {
      // stdout is the token alone (TOKEN=$(tokentui create)): the target goes to stderr.
      io.stderr.write(actedOnLine(adapter));
      io.stdout.write(`${joinCommand ?? created.secret}\n`);
    }
    return audit.exitCode(ExitCode.ok);
  } finally {
    await adapter.close?.();
  }
};

// `tokentui rotate ID [--ttl DUR] [--confirm ID]`: creates a replacement with the
// old token's description, usages and groups (TTL: --ttl, else the backend's default, or never
// for a token that never expired), prints it and its join command once, makes it the default
// where the backend has defaults, prints the old token's impact preview, and revokes the old
// token only with --confirm equal to the OLD id (against the previewed state, like `revoke`).
// Without it: exit 3 after creating the replacement, saying so.
//
// Every step is journaled ($XDG_STATE_HOME/tokentui/rotations/). An unfinished rotation of the
// same token (interrupted: SSH drop, SIGHUP, a failure) makes `rotate` refuse with exit 3 before
// any request, and say how to resume or abandon it: resuming is offered by the interactive UI;
// on the command line the way out is `revoke` (finish) or removing the journal file (abandon).
// Not `--resume`/`--abandon` flags: this command's flags are the ones above, for scripts to rely on.
//
// Exit codes: 0 rotated (or the old token was already gone), 2 bad --ttl, 3 read-only / no or
// wrong --confirm / old token changed since the preview / unfinished rotation, 4 old token not
// found, 1 backend failure or a revoked token that still exists.
import { randomUUID } from 'node:crypto';
import type { TokenAdapter } from '../../adapters/contract.ts';
import { whyUnavailable } from '../../adapters/operations/availability.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { describeInterruption, planReplacement, startRotation, type RotationState } from '../../core/rotation-plan.ts';
import { checkTtlSeconds } from '../../core/ttl-input.ts';
import { openRotationJournal, type RotationJournal } from '../../journals/rotation-journal.ts';
import { usageError } from '../args.ts';
import { startMutationAudit } from '../audit-context.ts';
import type { CliEnv } from '../io.ts';
import type { CommandRun } from './command-run.ts';
import { actedOn } from '../acted-on.ts';
import { dataWriter } from '../render/data-writer.ts';
import { parseTtlFlag } from './create.ts';
import { createRotateReporter } from './rotate-report.ts';
import { runRotationSteps } from './rotate-steps.ts';
import { runRotateServerToken } from './rotate-server-token.ts';

const ROTATE_HELP = "run 'tokentui rotate --help'";

/** The rotation journal under io.env's XDG_STATE_HOME (or its HOME), like the audit journal. */
export function openCliRotationJournal(env: CliEnv, stateDir?: string): RotationJournal {
  return openRotationJournal({ env, ...(env.HOME ? { home: env.HOME } : {}), ...(stateDir === undefined ? {} : { stateDir }) });
}

function refuseReadOnly(): never {
  throw new TokenTuiError('confirmation-required', 'read-only mode: rotate is a mutation; nothing was created or revoked', {
    hint: 'run without --readonly to rotate a token',
  });
}

function checkCanRotate(adapter: TokenAdapter): void {
  const unavailable = whyUnavailable(adapter, 'rotate', { readonly: false });
  if (unavailable !== null) throw new TokenTuiError('unsupported', `${unavailable.message}; nothing was rotated`, { source: adapter.id });
}

/** How to get past an unfinished rotation, for the refusal's hint. */
export function unfinishedHint(unfinished: RotationState, journalPath: string): string {
  const old = unfinished.oldTokenId;
  const replacement = unfinished.newTokenId === undefined ? 'a replacement may exist' : `replacement ${unfinished.newTokenId} stays either way`;
  return (
    'start the interactive UI (tokentui) to resume or abandon it; or by hand: finish it with ' +
    `\`tokentui revoke ${old} --confirm ${old}\`, or abandon it by deleting ${journalPath} (${replacement})`
  );
}

function refuseIfUnfinished(journal: RotationJournal, adapter: TokenAdapter, oldTokenId: string): void {
  const unfinished = journal.listInterrupted({ adapter: adapter.id, ...adapter.target }).find((state) => state.oldTokenId === oldTokenId);
  if (unfinished === undefined) return;
  throw new TokenTuiError('confirmation-required', `${describeInterruption(unfinished)}; nothing was done`, {
    hint: unfinishedHint(unfinished, journal.pathOf(unfinished.rotationId)),
  });
}

export const runRotate: CommandRun = async (context) => {
  const { options } = context.invocation;
  if (options.serverToken || options.checklist || options.done !== undefined) return runRotateServerToken(context);
  const { invocation, io, clock, openAdapter } = context;
  if (invocation.globals.readonly) refuseReadOnly();
  const [oldTokenId = ''] = invocation.positionals;
  const ttlFlag = parseTtlFlag(invocation.options.ttl);
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await openAdapter();
  try {
    checkCanRotate(adapter);
    const journal = openCliRotationJournal(io.env, adapter.target.stateDir);
    refuseIfUnfinished(journal, adapter, oldTokenId);
    const old = await adapter.get(oldTokenId);
    const plan = planReplacement(old, adapter.capabilities, ttlFlag);
    const ttl = checkTtlSeconds(plan.request.ttlSeconds, adapter.capabilities.ttl);
    if (!ttl.ok) throw usageError(`--ttl: ${ttl.error} (the ${adapter.id} adapter)`, ROTATE_HELP);
    const state = startRotation({
      rotationId: randomUUID(),
      old,
      adapter: adapter.id,
      context: adapter.target.context,
      server: adapter.target.server,
      capabilities: adapter.capabilities,
      replacement: plan.request,
      now: clock.now(),
    });
    const run = {
      adapter,
      journal,
      audit: startMutationAudit(io, adapter, clock),
      reporter: createRotateReporter(io, write, clock, oldTokenId, actedOn(adapter)),
      io,
      clock,
      ttlSource: plan.ttlSource,
      confirm: invocation.options.confirm,
    };
    return await runRotationSteps(run, state);
  } finally {
    await adapter.close?.();
  }
};

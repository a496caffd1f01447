// `tokentui rotate ID [--ttl DUR] [--confirm ID]`: creates a replacement with the
// old token's description, usages and groups (TTL: --ttl, else the backend's default, or never
// for a token that never expired), prints it and its join command once, makes it the default
// where the backend has defaults, prints the old token's impact preview, and revokes the old
// token only with --confirm equal to the OLD id (against the previewed state, like `revoke`).
// Without it: exit 3 after creating the replacement, saying so.
//
// One rotation per old token. Every step is journaled ($XDG_STATE_HOME/tokentui/rotations/); a
// rotation that stopped before its revoke (no --confirm, or the old token changed) or was
// interrupted (SSH drop, SIGHUP, a failure) stays there, and the next `rotate ID` resumes it with
// the same replacement (operations/rotation-resume.ts decides, for the TUI too): never a second
// mint. Only one cut off during its create cannot tell whether its replacement exists: rotate
// refuses (exit 3) and names the commands. `--abandon ID` gives it up (rotate-abandon.ts).
//
// Exit codes: 0 rotated (or the old token was already gone), 2 bad --ttl (or --ttl on a resume),
// 3 read-only / no or wrong --confirm / old token changed since the preview / replacement
// unknown, 4 old token not found, 1 backend failure or a revoked token that still exists.
import { randomUUID } from 'node:crypto';
import type { TokenAdapter } from '../../adapters/contract.ts';
import { whyUnavailable } from '../../adapters/operations/availability.ts';
import { decideRotation, replacementUnknownMessage, resumeNotice, type RotationDecision } from '../../adapters/operations/rotation-resume.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { planReplacement, startRotation, type RotationState } from '../../core/rotation-plan.ts';
import { checkTtlSeconds } from '../../core/ttl-input.ts';
import type { RotationJournal } from '../../journals/rotation-journal.ts';
import { usageError } from '../args.ts';
import { openCliRotationJournal, startMutationAudit } from '../audit-context.ts';
import type { CommandRun } from './command-run.ts';
import { actedOn } from '../acted-on.ts';
import { dataWriter } from '../render/data-writer.ts';
import { parseTtlFlag } from './create.ts';
import { runRotateAbandon } from './rotate-abandon.ts';
import { createRotateReporter } from './rotate-report.ts';
import { rotateCommand, runRotationSteps } from './rotate-steps.ts';
import { runRotateServerToken } from './rotate-server-token.ts';

const ROTATE_HELP = "run 'tokentui rotate --help'";

export function refuseReadOnly(): never {
  throw new TokenTuiError('confirmation-required', 'read-only mode: rotate is a mutation; nothing was created or revoked', {
    hint: 'run without --readonly to rotate a token',
  });
}

function checkCanRotate(adapter: TokenAdapter): void {
  const unavailable = whyUnavailable(adapter, 'rotate', { readonly: false });
  if (unavailable !== null) throw new TokenTuiError('unsupported', `${unavailable.message}; nothing was rotated`, { source: adapter.id });
}

/** The commands out of a rotation cut off during its create (its replacement may or may not exist). */
export function replacementUnknownHint(unfinished: RotationState): string {
  const old = unfinished.oldTokenId;
  const described = unfinished.replacement.description === '' ? 'without a description' : `described "${unfinished.replacement.description}"`;
  return (
    `look for a token ${described} created after it started (\`tokentui list\`) and revoke it if it is not wanted ` +
    `(\`tokentui revoke NEW_ID --confirm NEW_ID\`); then \`${rotateCommand(old, '--abandon')}\`, and \`${rotateCommand(old)}\` starts again`
  );
}

/** Where this rotation starts: a fresh plan, or the journaled one of the same token (same replacement). */
function rotationToRun(journal: RotationJournal, adapter: TokenAdapter, oldTokenId: string, now: number, ttlGiven: boolean): Extract<RotationDecision, { kind: 'resume' }> | 'start' {
  const decision = decideRotation(journal.listUnfinished({ adapter: adapter.id, ...adapter.target }), oldTokenId, now);
  switch (decision.kind) {
    case 'start':
      return 'start';
    case 'replacement-unknown':
      throw new TokenTuiError('confirmation-required', replacementUnknownMessage(decision.was), { hint: replacementUnknownHint(decision.was) });
    case 'resume':
      if (ttlGiven) {
        throw usageError(
          `--ttl does not apply: the rotation of ${oldTokenId} resumes with its existing replacement ${decision.was.newTokenId}; nothing was done`,
          `run \`${rotateCommand(oldTokenId)}\` without --ttl, or \`${rotateCommand(oldTokenId, '--abandon')}\` to give it up`,
        );
      }
      return decision;
  }
}

/** A new rotation of `oldTokenId`: the plan from the old token as it is now. */
async function freshRotation(adapter: TokenAdapter, oldTokenId: string, ttlFlag: number | null | undefined, now: number) {
  const old = await adapter.get(oldTokenId);
  const plan = planReplacement(old, adapter.capabilities, ttlFlag);
  const ttl = checkTtlSeconds(plan.request.ttlSeconds, adapter.capabilities.ttl);
  if (!ttl.ok) throw usageError(`--ttl: ${ttl.error} (the ${adapter.id} adapter)`, ROTATE_HELP);
  const { context, server } = adapter.target;
  const state = startRotation({ rotationId: randomUUID(), old, adapter: adapter.id, context, server, capabilities: adapter.capabilities, replacement: plan.request, now });
  return { state, ttlSource: plan.ttlSource };
}

export const runRotate: CommandRun = async (context) => {
  const { options } = context.invocation;
  if (options.serverToken || options.checklist || options.done !== undefined) return runRotateServerToken(context);
  const { invocation, io, clock, openAdapter } = context;
  if (invocation.globals.readonly) refuseReadOnly();
  if (options.abandon === true) return runRotateAbandon(context);
  const [oldTokenId = ''] = invocation.positionals;
  const ttlFlag = parseTtlFlag(invocation.options.ttl);
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await openAdapter();
  try {
    checkCanRotate(adapter);
    const journal = openCliRotationJournal(io.env, adapter.target.stateDir);
    const resumed = rotationToRun(journal, adapter, oldTokenId, clock.now(), ttlFlag !== undefined);
    // Said before anything is sent, so a script's log shows which replacement this run used.
    if (resumed !== 'start') io.stderr.write(`tokentui: ${resumeNotice(resumed.was)}\n`);
    const { state, ttlSource } = resumed === 'start' ? await freshRotation(adapter, oldTokenId, ttlFlag, clock.now()) : { state: resumed.rotation, ttlSource: null };
    const run = {
      adapter,
      journal,
      audit: startMutationAudit(io, adapter, clock),
      reporter: createRotateReporter(io, write, clock, oldTokenId, actedOn(adapter), resumed !== 'start'),
      io,
      clock,
      ttlSource,
      resumed: resumed !== 'start',
      confirm: invocation.options.confirm,
    };
    return await runRotationSteps(run, state);
  } finally {
    await adapter.close?.();
  }
};

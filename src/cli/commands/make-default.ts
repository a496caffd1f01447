// `tokentui make-default ID [--confirm ID]`: the preview of what changes for machines that use
// the default, then (only with --confirm equal to the id) the change, verified by reading the
// token back. The preview and the change are the operations layer's, as in the TUI.
import { whyUnavailable } from '../../adapters/operations/availability.ts';
import { makeDefaultAsPreviewed, previewMakeDefault } from '../../adapters/operations/make-default.ts';
import { ExitCode, TokenTuiError, usageError } from '../../core/errors.ts';
import type { MakeDefaultPreview } from '../../core/make-default-plan.ts';
import { startMutationAudit } from '../audit-context.ts';
import { warn } from '../exit.ts';
import { actedOn, actedOnLine } from '../acted-on.ts';
import { printable } from '../output.ts';
import { dataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';

export function formatMakeDefaultText(preview: MakeDefaultPreview): string {
  const lines = [`Make ${preview.tokenId} the default token`];
  if (preview.alreadyDefault) lines.push(`  ${preview.tokenId} is already the default: nothing to change`);
  else {
    lines.push(`  current default: ${preview.previous === null ? 'none' : preview.previous.id}`);
    lines.push('What changes for machines that use the default:');
    for (const change of preview.changes) lines.push(`  - ${change}`);
    for (const warning of preview.warnings) lines.push(`  ! ${warning}`);
    if (preview.blocked !== null) lines.push(`  ✗ ${preview.blocked}`);
  }
  return lines.map((line) => printable(line)).join('\n') + '\n';
}

function previewJson(preview: MakeDefaultPreview, outcome: string, verified?: boolean) {
  return {
    tokenId: preview.tokenId,
    previousDefault: preview.previous?.id ?? null,
    alreadyDefault: preview.alreadyDefault,
    blocked: preview.blocked,
    changes: preview.changes,
    warnings: preview.warnings,
    outcome,
    ...(verified === undefined ? {} : { verified }),
  };
}

export const runMakeDefault: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const [tokenId = ''] = invocation.positionals;
  if (invocation.globals.readonly) {
    throw new TokenTuiError('confirmation-required', 'read-only mode: make-default is a mutation', { hint: 'run without --readonly to change the default' });
  }
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await openAdapter();
  try {
    const unavailable = whyUnavailable(adapter, 'make-default', { readonly: false });
    if (unavailable !== null) throw new TokenTuiError('unsupported', unavailable.message, { source: adapter.id });
    const preview = await previewMakeDefault(adapter, tokenId, clock);
    const json = write !== undefined;
    const show = (outcome: string, verified?: boolean) => write?.({ ...actedOn(adapter), ...previewJson(preview, outcome, verified) }, `token/${tokenId}`);
    if (!json) io.stdout.write(actedOnLine(adapter) + formatMakeDefaultText(preview));
    if (preview.alreadyDefault) {
      show('already-default');
      return ExitCode.ok;
    }
    if (preview.blocked !== null) {
      show('refused');
      throw usageError(preview.blocked, 'pick an active token (tokentui list), or create one');
    }
    if (invocation.options.confirm !== tokenId) {
      show('preview');
      throw new TokenTuiError('confirmation-required', `nothing changed: pass --confirm ${tokenId} to make it the default`, {
        hint: `tokentui make-default ${tokenId} --confirm ${tokenId}`,
      });
    }
    const audit = startMutationAudit(io, adapter, clock);
    const outcome = await makeDefaultAsPreviewed(adapter, preview, { record: (entry) => audit.record(entry), confirmation: 'flag' });
    if (outcome.kind === 'failed') throw outcome.error;
    show('made-default', outcome.verified);
    if (!json) io.stdout.write(`✓ ${tokenId} is now the default token${preview.previous === null ? '' : ` (was ${preview.previous.id})`}\n`);
    if (!outcome.verified) warn(io.stderr, `${tokenId} was made the default, but reading it back did not confirm it`);
    return audit.exitCode(outcome.verified ? ExitCode.ok : ExitCode.backend);
  } finally {
    await adapter.close?.();
  }
};

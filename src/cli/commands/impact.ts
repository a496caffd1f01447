// `tokentui impact ID`: what revoking the token would break, changing nothing (only reads are
// sent). The preview, with its `unknown` fallback, is the operations layer's (previewImpact).
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { ExitCode } from '../../core/errors.ts';
import { formatImpactText, impactJson } from '../impact-format.ts';
import { writeJson } from '../output.ts';
import type { CommandRun } from './command-run.ts';

export const runImpact: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const [tokenId = ''] = invocation.positionals;
  const adapter = await openAdapter();
  try {
    const preview = await previewImpact(adapter, tokenId, clock);
    if (invocation.output === 'json') writeJson(io.stdout, impactJson(preview));
    else io.stdout.write(formatImpactText(preview));
    return ExitCode.ok;
  } finally {
    await adapter.close?.();
  }
};

// `tokentui impact ID`: what revoking the token would break, changing nothing (only reads are
// sent). The preview, with its `unknown` fallback, is the operations layer's (previewImpact).
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { ExitCode } from '../../core/errors.ts';
import { formatImpactText, impactJson } from '../impact-format.ts';
import { dataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';

export const runImpact: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const [tokenId = ''] = invocation.positionals;
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await openAdapter();
  try {
    const preview = await previewImpact(adapter, tokenId, clock);
    if (write !== undefined) write(impactJson(preview), `token/${tokenId}`);
    else io.stdout.write(formatImpactText(preview));
    return ExitCode.ok;
  } finally {
    await adapter.close?.();
  }
};

// What `tokentui rotate` prints. Text: each result as it happens, so the replacement's secret is
// on the terminal before anything else can fail. JSON: one object at the end, whatever the
// outcome (a failure after the create still reports the replacement, secret included: it exists
// and cannot be shown again).
import type { RevokeReport as AdapterRevokeReport } from '../../adapters/contract.ts';
import type { Clock } from '../../core/clock.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import type { ReplacementTtlSource, RotationState } from '../../core/rotation-plan.ts';
import type { CreatedToken } from '../../core/token.ts';
import { formatTtlInput } from '../../core/ttl-input.ts';
import { targetLine, type ActedOn } from '../acted-on.ts';
import type { DataWriter } from '../render/data-writer.ts';
import { formatImpactText, impactJson, type ImpactJson } from '../impact-format.ts';
import type { CliIo } from '../io.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import type { RevokeVerification } from './revoke-attempt.ts';

export type RotateOutcome = 'rotated' | 'old-already-gone' | 'refused' | 'conflict' | 'refused-unfinished' | 'failed';

export interface ReplacementJson {
  readonly id: string;
  /** The full token: printed here once, as by `create`. */
  readonly token: string;
  readonly expiresAt: string | null;
  readonly ttlSeconds: number | null;
  readonly ttlSource: ReplacementTtlSource;
  readonly usages: readonly string[];
  readonly groups: readonly string[];
  readonly description: string;
  readonly joinCommand?: string;
  readonly joinCommandError?: string;
}

/** `rotate -o json`: one object, whatever the outcome. */
export interface RotateJson extends ActedOn {
  readonly rotationId: string | null;
  readonly oldTokenId: string;
  readonly newTokenId: string | null;
  readonly outcome: RotateOutcome;
  readonly revoked: boolean;
  /** This run resumed a journaled rotation: its replacement was created (and shown) by an earlier one. */
  readonly resumed: boolean;
  readonly message?: string;
  readonly replacement?: ReplacementJson;
  readonly madeDefault?: boolean;
  readonly preview?: ImpactJson;
  readonly verification?: RevokeVerification;
  readonly checks?: AdapterRevokeReport;
  readonly completedSteps: readonly string[];
}

export interface ShownReplacement {
  readonly created: CreatedToken;
  readonly ttlSource: ReplacementTtlSource;
  readonly joinCommand: string | null;
  readonly joinCommandError: string | null;
}

export interface RotateReporter {
  replacement(shown: ShownReplacement): void;
  madeDefault(newTokenId: string): void;
  preview(preview: ImpactPreview): void;
  revoked(oldTokenId: string, verification: RevokeVerification, checks: AdapterRevokeReport | undefined): void;
  /** The last word: text prints the summary line (if any), JSON the whole object. Idempotent. */
  finish(outcome: RotateOutcome, state: RotationState | null, message?: string): void;
}

const TTL_SOURCES: Readonly<Record<ReplacementTtlSource, string>> = {
  explicit: 'as given',
  'adapter-default': "the backend's default",
  'original-never-expires': 'the old token never expired either',
};

function replacementJson(shown: ShownReplacement, nowMs: number): ReplacementJson {
  const { token } = shown.created;
  return {
    id: token.id,
    token: shown.created.secret,
    expiresAt: token.expiresAt === null ? null : formatRfc3339(token.expiresAt),
    ttlSeconds: token.expiresAt === null ? null : Math.max(0, Math.floor((token.expiresAt - nowMs) / 1000)),
    ttlSource: shown.ttlSource,
    usages: token.usages,
    groups: token.groups,
    description: token.description,
    ...(shown.joinCommand === null ? {} : { joinCommand: shown.joinCommand }),
    ...(shown.joinCommandError === null ? {} : { joinCommandError: shown.joinCommandError }),
  };
}

function replacementText(shown: ShownReplacement, nowMs: number): string {
  const { token } = shown.created;
  const ttl = token.expiresAt === null ? 'never expires' : `TTL ${formatTtlInput(Math.round((token.expiresAt - nowMs) / 1000))}`;
  return [
    `Replacement token ${token.id} (${ttl}, ${TTL_SOURCES[shown.ttlSource]}); its secret is shown only here, once:`,
    shown.created.secret,
    ...(shown.joinCommand === null ? [] : ['Join command:', shown.joinCommand]),
    '',
  ].join('\n');
}

/** `write`: the data writer of -o json|yaml|name|jsonpath; undefined = text. */
export function createRotateReporter(io: CliIo, write: DataWriter | undefined, clock: Clock, oldTokenId: string, target: ActedOn, resumed = false): RotateReporter {
  const json = write !== undefined;
  if (!json) io.stdout.write(targetLine(target));
  let replacement: ReplacementJson | undefined;
  let preview: ImpactJson | undefined;
  let madeDefault: boolean | undefined;
  let revoked: Pick<RotateJson, 'verification' | 'checks'> | undefined;
  let finished = false;
  return {
    replacement(shown) {
      replacement = replacementJson(shown, clock.now());
      if (!json) io.stdout.write(replacementText(shown, clock.now()));
    },
    madeDefault(newTokenId) {
      madeDefault = true;
      if (!json) io.stdout.write(`Made ${newTokenId} the default token.\n`);
    },
    preview(value) {
      preview = impactJson(value);
      if (!json) io.stdout.write(formatImpactText(value));
    },
    revoked(id, verification, checks) {
      revoked = { verification, ...(checks === undefined ? {} : { checks }) };
      if (json) return;
      io.stdout.write(`Revoked token ${id}.${verification.tokenGone ? ' Verified: it no longer exists.' : ''}\n`);
      for (const line of checks?.verified ?? []) io.stdout.write(`Verified: ${line}.\n`);
    },
    finish(outcome, state, message) {
      if (finished) return;
      finished = true;
      const newTokenId = state?.newTokenId ?? null;
      if (write === undefined) {
        if (outcome === 'rotated') io.stdout.write(`Rotated ${oldTokenId} -> ${newTokenId}.\n`);
        if (outcome === 'old-already-gone') io.stdout.write(`Token ${oldTokenId} no longer exists; replacement ${newTokenId} is in place.\n`);
        return;
      }
      const result: RotateJson = {
        ...target,
        rotationId: state?.rotationId ?? null,
        oldTokenId,
        newTokenId,
        outcome,
        revoked: outcome === 'rotated',
        resumed,
        ...(message === undefined ? {} : { message }),
        ...(replacement === undefined ? {} : { replacement }),
        ...(madeDefault === undefined ? {} : { madeDefault }),
        ...(preview === undefined ? {} : { preview }),
        ...revoked,
        completedSteps: state?.completedSteps ?? [],
      };
      write(result, `token/${newTokenId ?? oldTokenId}`);
    },
  };
}

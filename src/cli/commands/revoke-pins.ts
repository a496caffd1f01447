// What a script can pin a revoke to, beyond --confirm: --fingerprint F (the impact it reviewed,
// `impact -o json`'s impactFingerprint, is still the impact now) and --max-severity S (nothing
// above S is revoked); and --ignore-not-found (a token already gone is nothing to do). The pins
// are checked against the preview computed by this very run, the one the revoke is pinned to, so
// nothing can change between the check and the revoke unnoticed (a changed token is a conflict).
import { usageError } from '../../core/errors.ts';
import type { ImpactPreview, ImpactSeverity } from '../../core/impact.ts';
import { impactSeverity } from '../../core/impact.ts';
import { exceedsSeverity, IMPACT_SEVERITIES, impactFingerprint } from '../../core/impact-fingerprint.ts';
import type { CommandOptions } from '../args.ts';

const HELP = "run 'tokentui revoke --help'";

export interface RevokePins {
  readonly fingerprint?: string;
  readonly maxSeverity?: ImpactSeverity;
  readonly ignoreNotFound: boolean;
}

/** The pins as given; a malformed one is invalid input (exit 2) before anything is read. */
export function readRevokePins(options: CommandOptions, ids: readonly string[]): RevokePins {
  const { fingerprint, maxSeverity } = options;
  if (fingerprint !== undefined && !/^sha256:[0-9a-f]{64}$/.test(fingerprint)) {
    throw usageError('--fingerprint must be the impactFingerprint that `tokentui impact ID -o json` printed (sha256:...)', HELP);
  }
  if (fingerprint !== undefined && ids.length > 1) throw usageError('--fingerprint pins one token\'s impact: give one id with it (or --max-severity for several)', HELP);
  const severity = IMPACT_SEVERITIES.find((candidate) => candidate === maxSeverity);
  if (maxSeverity !== undefined && severity === undefined) throw usageError(`--max-severity must be one of ${IMPACT_SEVERITIES.join(', ')}`, HELP);
  return { ...(fingerprint === undefined ? {} : { fingerprint }), ...(severity === undefined ? {} : { maxSeverity: severity }), ignoreNotFound: options.ignoreNotFound === true };
}

/** Why the pins refuse this preview (journaled `why`, printed `message`), or null. */
export function pinRefusal(preview: ImpactPreview, pins: RevokePins): { readonly why: string; readonly message: string } | null {
  const id = preview.tokenId;
  if (pins.fingerprint !== undefined && impactFingerprint(preview) !== pins.fingerprint) {
    return {
      why: 'the impact changed since the --fingerprint reviewed',
      message: `nothing was revoked: the impact of revoking token ${id} changed since the one reviewed (--fingerprint); review it again: tokentui impact ${id} -o json`,
    };
  }
  if (pins.maxSeverity !== undefined && exceedsSeverity(preview, pins.maxSeverity)) {
    const severity = impactSeverity(preview);
    return {
      why: `impact ${severity} is above --max-severity ${pins.maxSeverity}`,
      message: `nothing was revoked: the impact of revoking token ${id} is ${severity.toUpperCase()}${preview.state === 'unknown' ? ' (unknown)' : ''}, above --max-severity ${pins.maxSeverity}`,
    };
  }
  return null;
}

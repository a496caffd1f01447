// The kind of an LXD token, carried in the contract's free-text `scope` (LXD tokens have no
// usages or groups), so it shows as a column, survives a rotation (the plan copies the scope)
// and is typed as `--scope` on the command line:
//   join                      a cluster join token for the member named by the description
//   trust                     a trust token for a client named by the description, all projects
//   trust projects=a,b        ... restricted to projects a and b (`projects=` alone: to none)
import { TokenTuiError } from '../../core/errors.ts';

export const LXD_SOURCE = 'lxd';

export type LxdTokenKind = 'join' | 'trust';

export type LxdTokenScope =
  | { readonly kind: 'join' }
  | { readonly kind: 'trust'; readonly restricted: false }
  | { readonly kind: 'trust'; readonly restricted: true; readonly projects: readonly string[] };

export const SCOPE_FORMS = 'join, trust, or trust projects=NAME[,NAME...]';

function scopeError(message: string): TokenTuiError {
  return new TokenTuiError('validation', `${message}; the scope of an LXD token is ${SCOPE_FORMS}`, {
    source: LXD_SOURCE,
    field: 'scope',
    hint: 'e.g. --scope join (a new cluster member), --scope "trust projects=default" (a client restricted to one project)',
  });
}

/** `scope` of a create request; no scope means a join token. */
export function parseLxdScope(scope: string | undefined): LxdTokenScope {
  const text = (scope ?? '').trim();
  if (text === '' || text === 'join') return { kind: 'join' };
  if (text === 'trust') return { kind: 'trust', restricted: false };
  const match = /^trust\s+projects=(.*)$/.exec(text);
  if (match === null) throw scopeError(`"${text}" is not a token kind`);
  const list = match[1]!.trim();
  const projects = list === '' ? [] : list.split(',').map((project) => project.trim());
  if (projects.some((project) => project === '' || /\s/.test(project))) {
    throw scopeError(`"${list}" is not a comma-separated list of project names`);
  }
  return { kind: 'trust', restricted: true, projects: [...new Set(projects)] };
}

export function formatLxdScope(scope: LxdTokenScope): string {
  if (scope.kind === 'join') return 'join';
  return scope.restricted ? `trust projects=${scope.projects.join(',')}` : 'trust';
}

// The kind of an LXD token and, for a trust token, its restriction: what the create fields
// `kind` and `projects` (create-fields.ts) say in a request, what a listed token's `fields` say
// (so a rotation's replacement is the same kind, restricted the same way), and the one-line form
// the KIND column shows (the contract's `scope`):
//   join                      a cluster join token for the member named by the description
//   trust                     a trust token for a client named by the description, all projects
//   trust projects=a,b        ... restricted to projects a and b (`projects=` alone: to none)
import { requestFieldsProblem, type CreateFieldValues } from '../../core/create-fields.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { LXD_CREATE_FIELDS } from './create-fields.ts';

export const LXD_SOURCE = 'lxd';

export type LxdTokenKind = 'join' | 'trust';

export type LxdTokenScope =
  | { readonly kind: 'join' }
  | { readonly kind: 'trust'; readonly restricted: false }
  | { readonly kind: 'trust'; readonly restricted: true; readonly projects: readonly string[] };

/** A create request's fields; none means a join token. Refuses fields LXD tokens do not have, naming the field. */
export function scopeFromFields(fields: CreateFieldValues | undefined): LxdTokenScope {
  const values = fields ?? {};
  const problem = requestFieldsProblem(LXD_CREATE_FIELDS, values);
  if (problem !== null) {
    throw new TokenTuiError('validation', problem.message, {
      source: LXD_SOURCE,
      field: problem.field,
      hint: 'e.g. --kind join (a new cluster member), --kind trust --projects default (a client restricted to one project)',
    });
  }
  if (values['kind'] !== 'trust') return { kind: 'join' };
  const projects = values['projects'];
  return Array.isArray(projects) ? { kind: 'trust', restricted: true, projects: [...new Set(projects as readonly string[])] } : { kind: 'trust', restricted: false };
}

/** The create fields a token of this scope was made with: a replacement gets the same. */
export function fieldsOfScope(scope: LxdTokenScope): CreateFieldValues {
  if (scope.kind === 'join') return { kind: 'join' };
  return { kind: 'trust', projects: scope.restricted ? scope.projects : null };
}

/** The KIND column: `join`, `trust`, `trust projects=a,b`. */
export function formatLxdScope(scope: LxdTokenScope): string {
  if (scope.kind === 'join') return 'join';
  return scope.restricted ? `trust projects=${scope.projects.join(',')}` : 'trust';
}

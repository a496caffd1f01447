// The lxd adapter's create fields (core/create-fields.ts): what an LXD token is beyond its name.
// Plain data, so the registry entry names them for the command line's flags (--kind, --projects)
// without loading the adapter; the create wizard shows a step for each that applies.
import type { ChoiceFieldSpec, CreateFieldSpec, ListFieldSpec } from '../../core/create-fields.ts';

export const KIND_FIELD: ChoiceFieldSpec = {
  kind: 'choice',
  key: 'kind',
  label: 'kind',
  flag: 'kind',
  help: 'What the token enrolls: a new cluster member (join, as lxc cluster add) or a new client (trust, as lxc config trust add).',
  choices: [
    { value: 'join', help: 'a new cluster member, named by the name' },
    { value: 'trust', help: 'a new client (lxc remote add), named by the name' },
  ],
  default: 'join',
};

export const PROJECTS_FIELD: ListFieldSpec = {
  kind: 'list',
  key: 'projects',
  label: 'projects',
  flag: 'projects',
  help: 'Trust tokens only: the projects the new client is restricted to, comma-separated (empty: all projects, not restricted; none: restricted to no project).',
  default: null,
  unset: { label: 'all (not restricted)', emptyWord: 'none' },
  // LXD's project names: no white space, no "/" (they are URL path segments).
  itemPattern: '[^\\s/]+',
  itemHint: 'project names as `lxc project list` shows them, e.g. default',
  appliesWhen: { key: 'kind', values: ['trust'] },
};

/** Every field an LXD token has (the command line's flags come from this list). */
export const LXD_CREATE_FIELDS: readonly CreateFieldSpec[] = [KIND_FIELD, PROJECTS_FIELD];

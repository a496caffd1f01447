// `tokentui create`'s flags for declared create fields, read for the connected adapter: LXD's
// --kind and --projects (a trust token's), beside REST's --scope and --max-uses from the same
// registry. Pure: the adapter is its capabilities; nothing connects.
import { describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { LXD_CREATE_FIELDS } from '../../src/adapters/lxd/create-fields.ts';
import { REST_CREATE_FIELDS } from '../../src/adapters/rest/create-fields.ts';
import { createFieldFlags, readFieldFlags, type FieldFlagValues } from '../../src/cli/field-flags.ts';
import { TokenTuiError } from '../../src/core/errors.ts';

const adapterWith = (id: string, createFields: TokenAdapter['capabilities']['createFields']) =>
  ({ id, capabilities: { createFields } }) as unknown as Pick<TokenAdapter, 'id' | 'capabilities'>;
const lxd = adapterWith('lxd', LXD_CREATE_FIELDS);
const rest = adapterWith('rest', REST_CREATE_FIELDS);

function usage(values: FieldFlagValues, adapter = lxd): TokenTuiError {
  try {
    readFieldFlags(values, adapter);
  } catch (caught) {
    expect(caught).toBeInstanceOf(TokenTuiError);
    expect((caught as TokenTuiError).kind).toBe('usage');
    return caught as TokenTuiError;
  }
  throw new Error(`accepted ${JSON.stringify(values)}`);
}

describe("LXD's create flags from the registry", () => {
  it('are --kind and --projects, each owned by lxd alone; --scope stays REST\'s', () => {
    const owners = Object.fromEntries(createFieldFlags.map((flag) => [flag.name, flag.adapters]));
    expect(owners).toMatchObject({ kind: ['lxd'], projects: ['lxd'], scope: ['rest'], 'max-uses': ['rest'], 'single-use': ['rest'] });
    expect(createFieldFlags.find((flag) => flag.name === 'kind')?.usage).toBe('--kind join|trust');
    expect(createFieldFlags.find((flag) => flag.name === 'projects')?.usage).toBe('--projects LIST');
  });

  it('give the request its fields: a join token, an unrestricted trust token, restricted ones', () => {
    expect(readFieldFlags({}, lxd)).toEqual({});
    expect(readFieldFlags({ kind: 'join' }, lxd)).toEqual({ kind: 'join' });
    expect(readFieldFlags({ kind: 'trust' }, lxd)).toEqual({ kind: 'trust' });
    expect(readFieldFlags({ kind: 'trust', projects: 'default, web' }, lxd)).toEqual({ kind: 'trust', projects: ['default', 'web'] });
    expect(readFieldFlags({ kind: 'trust', projects: 'none' }, lxd)).toEqual({ kind: 'trust', projects: [] });
  });

  it('refuse, naming the flag and the fix: projects without a trust kind, an unknown kind, a bad project, another adapter\'s flag', () => {
    const projectsAlone = usage({ projects: 'default' });
    expect(projectsAlone.message).toBe('--projects: projects is only for kind trust');
    expect(projectsAlone.hint).toBe('add --kind trust, or leave out --projects');
    expect(usage({ kind: 'join', projects: 'default' }).message).toBe('--projects: projects is only for kind trust');
    expect(usage({ kind: 'admin' }).message).toBe('--kind: kind must be one of join, trust');
    expect(usage({ kind: 'trust', projects: 'a b' }).message).toBe('--projects: projects: "a b" is not valid');
    expect(usage({ scope: 'trust' }).message).toBe('--scope: tokens of the lxd adapter have no such field (rest only)');
    expect(usage({ kind: 'trust' }, rest).message).toBe('--kind: tokens of the rest adapter have no such field (lxd only)');
  });
});

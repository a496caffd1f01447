import { describe, expect, it } from 'vitest';
import { TokenTuiError } from './errors.ts';
import type { CreatedToken } from './token.ts';
import {
  createIntent,
  createWizardReducer,
  initCreateWizard,
  type CreateWizardAction,
  type CreateWizardState,
} from './create-wizard.ts';
import { ttlPreview, valuesFromRequest, wizardTtlSuggestions, wizardWarnings, type CreateWizardCapabilities } from './create-wizard-rules.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DEFAULT_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

const kubeadmLike: CreateWizardCapabilities = {
  ttl: { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true },
  usages: ['authentication', 'signing'],
  defaultUsages: ['authentication', 'signing'],
  groups: true,
  defaultGroups: [DEFAULT_GROUP],
  createFields: [],
};

// A REST-like backend: no usages or groups, at most 7 days, no "never".
const bounded: CreateWizardCapabilities = {
  ttl: { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 7 * 86_400, allowNever: false },
  usages: [],
  defaultUsages: [],
  groups: false,
  defaultGroups: [],
  createFields: [],
};

// A REST server's declared fields: a free-text scope and a use limit with single-use as its shortcut.
const restLike: CreateWizardCapabilities = {
  ...bounded,
  createFields: [
    { kind: 'text', key: 'scope', label: 'scope', flag: 'scope', help: 'what it joins as', default: '', maxLength: 20 },
    { kind: 'count', key: 'maxUses', label: 'max uses', flag: 'max-uses', help: 'how many joins', default: null, min: 1, max: 100, shortcut: { flag: 'single-use', value: 1, label: 'single-use' } },
  ],
};

const created: CreatedToken = {
  token: { id: 'ghijkl', description: 'rack 7', expiresAt: NOW + 3_600_000, usages: ['authentication'], groups: [], invalidReason: null },
  secret: 'ghijkl.0123456789abcdef',
};

function run(state: CreateWizardState, ...actions: CreateWizardAction[]): CreateWizardState {
  return actions.reduce(createWizardReducer, state);
}

const input = (text: string): CreateWizardAction => ({ type: 'input', text });
const next: CreateWizardAction = { type: 'next' };
const back: CreateWizardAction = { type: 'back' };

function stepOf(state: CreateWizardState): string {
  return state.phase === 'editing' ? state.step : state.phase;
}

function errorOf(state: CreateWizardState): string | undefined {
  return state.phase === 'editing' ? state.error?.message : undefined;
}

/** Through every step with the defaults to the review, then submitted. */
function submitted(capabilities = kubeadmLike): CreateWizardState {
  const review = run(initCreateWizard(capabilities, NOW), input('rack 7'), next, next, next, next);
  expect(stepOf(review)).toBe('review');
  return run(review, { type: 'submit' });
}

describe('create wizard: steps and defaults', () => {
  it('kubeadm: description -> ttl -> usages -> groups -> review, prefilled from the capabilities', () => {
    let state = initCreateWizard(kubeadmLike, NOW);
    expect(state.steps).toEqual(['description', 'ttl', 'usages', 'groups', 'review']);
    expect(state.values).toEqual({ description: '', ttlText: '24h', usages: ['authentication', 'signing'], groupsText: DEFAULT_GROUP, fields: {} });
    const visited = [stepOf(state)];
    for (let index = 0; index < 4; index++) visited.push(stepOf((state = run(state, next))));
    expect(visited).toEqual(['description', 'ttl', 'usages', 'groups', 'review']);
  });

  it('skips usages and groups when the adapter has none', () => {
    const state = initCreateWizard(bounded, NOW);
    expect(state.steps).toEqual(['description', 'ttl', 'review']);
    expect(state.values.ttlText).toBe('1h');
    expect(stepOf(run(state, next, next))).toBe('review');
  });

  it('suggests 1h/24h/7d/never, filtered by the bounds', () => {
    expect(wizardTtlSuggestions(kubeadmLike).map((item) => item.label)).toEqual(['1h', '24h', '7d', 'never']);
    expect(wizardTtlSuggestions({ ...bounded, ttl: { ...bounded.ttl, maxSeconds: 86_400 } }).map((item) => item.label)).toEqual(['1h', '24h']);
  });

  it('previews the expiry live from the state clock', () => {
    const onTtl = run(initCreateWizard(kubeadmLike, NOW), next, input('90m'));
    expect(ttlPreview(onTtl.values, onTtl.capabilities, onTtl.now)).toEqual({ kind: 'expires', ttlSeconds: 5400, expiresAt: NOW + 5_400_000 });
    const later = run(onTtl, { type: 'tick', now: NOW + 60_000 });
    expect(ttlPreview(later.values, later.capabilities, later.now)).toMatchObject({ expiresAt: NOW + 60_000 + 5_400_000 });
    expect(ttlPreview({ ...onTtl.values, ttlText: 'never' }, kubeadmLike, NOW)).toEqual({ kind: 'never' });
    expect(ttlPreview({ ...onTtl.values, ttlText: '5x' }, kubeadmLike, NOW)).toMatchObject({ kind: 'invalid' });
  });
});

describe('create wizard: validation keeps the operator on the step', () => {
  it.each([
    ['5x', /unknown unit "x"/],
    ['-1h', /cannot be negative/],
    ['', /empty/],
  ])('TTL %j is refused', (text, message) => {
    const state = run(initCreateWizard(kubeadmLike, NOW), next, input(text), next);
    expect(stepOf(state)).toBe('ttl');
    expect(errorOf(state)).toMatch(message);
    expect(state.values.ttlText).toBe(text);
  });

  it('refuses a TTL over the adapter maximum, below its minimum, and "never" where not allowed', () => {
    const onTtl = run(initCreateWizard(bounded, NOW), next);
    expect(errorOf(run(onTtl, input('8d'), next))).toBe('TTL must be at most 7d for this backend');
    expect(errorOf(run(onTtl, input('30s'), next))).toBe('TTL must be at least 1m');
    expect(errorOf(run(onTtl, input('never'), next))).toBe('this backend does not allow tokens that never expire');
    expect(stepOf(run(onTtl, input('7d'), next))).toBe('review');
  });

  it('refuses an invalid group and names it; a fix clears the error', () => {
    const onGroups = run(initCreateWizard(kubeadmLike, NOW), next, next, next);
    expect(stepOf(onGroups)).toBe('groups');
    const refused = run(onGroups, input(`${DEFAULT_GROUP}, system:masters`), next);
    expect(stepOf(refused)).toBe('groups');
    expect(errorOf(refused)).toMatch(/group "system:masters" must match system:bootstrappers:/);
    const fixed = run(refused, input(`${DEFAULT_GROUP}, system:bootstrappers:rack7`));
    expect(errorOf(fixed)).toBeUndefined();
    expect(stepOf(run(fixed, next))).toBe('review');
  });

  it('refuses a description holding a join token or control characters', () => {
    expect(errorOf(run(initCreateWizard(kubeadmLike, NOW), input('old abcdef.0123456789abcdef'), next))).toMatch(/looks like a join token/);
    expect(errorOf(run(initCreateWizard(kubeadmLike, NOW), input('a\u001b[31m'), next))).toMatch(/one line of text/);
  });

  it('toggles usages by cursor or name; none at all is allowed (like kubeadm) with a warning', () => {
    const onUsages = run(initCreateWizard(kubeadmLike, NOW), next, next);
    const noSigning = run(onUsages, { type: 'move-usage', delta: 1 }, { type: 'toggle-usage' });
    expect(noSigning.values.usages).toEqual(['authentication']);
    const none = run(noSigning, { type: 'toggle-usage', usage: 'authentication' });
    expect(none.values.usages).toEqual([]);
    expect(wizardWarnings(none.values, none.capabilities)).toEqual([expect.stringMatching(/no usages: .*no node can join/)]);
    expect(stepOf(run(none, next))).toBe('groups');
    expect(run(none, { type: 'toggle-usage', usage: 'admin' }).values.usages).toEqual([]);
  });
});

describe('create wizard: Esc goes back, keeping what was entered', () => {
  it('walks back step by step with every value intact; Esc on the first step cancels', () => {
    const review = run(
      initCreateWizard(kubeadmLike, NOW),
      input('rack 7'), next,
      input('7d'), next,
      { type: 'toggle-usage', usage: 'signing' }, next,
      input('system:bootstrappers:rack7'), next,
    );
    expect(stepOf(review)).toBe('review');
    const entered = review.values;
    const steps: string[] = [];
    let state = review;
    for (let index = 0; index < 4; index++) {
      state = run(state, back);
      steps.push(stepOf(state));
      expect(state.values).toEqual(entered);
    }
    expect(steps).toEqual(['groups', 'usages', 'ttl', 'description']);
    expect(stepOf(run(state, back))).toBe('cancelled');
    expect(entered).toEqual({ description: 'rack 7', ttlText: '7d', usages: ['authentication'], groupsText: 'system:bootstrappers:rack7', fields: {} });
  });
});

describe('create wizard: nothing is created before the final confirmation', () => {
  it('no create intent on any step before submit; exactly one after it', () => {
    let state = initCreateWizard(kubeadmLike, NOW);
    const actions: CreateWizardAction[] = [input('rack 7'), next, input('2h'), next, { type: 'toggle-usage' }, next, next, back, next, { type: 'submit' }];
    const intents = actions.map((action, index) => {
      state = createWizardReducer(state, action);
      return [index, createIntent(state)] as const;
    });
    expect(intents.filter(([, intent]) => intent !== null).map(([index]) => index)).toEqual([actions.length - 1]);
    expect(createIntent(state)).toEqual({
      type: 'create',
      attempt: 1,
      request: { description: 'rack 7', ttlSeconds: 7200, usages: ['signing'], groups: [DEFAULT_GROUP] },
    });
  });

  it('submit is ignored away from the review; Enter on the review submits', () => {
    expect(createIntent(run(initCreateWizard(kubeadmLike, NOW), { type: 'submit' }))).toBeNull();
    expect(createIntent(run(initCreateWizard(bounded, NOW), next, next, next))).toMatchObject({ request: { ttlSeconds: 3600 } });
  });

  it('Esc while creating does nothing, so the answer (and its secret) still lands', () => {
    const creating = run(submitted(), back, back);
    expect(creating.phase).toBe('creating');
    expect(run(creating, { type: 'created', attempt: 1, created, joinCommand: 'kubeadm join x --token ghijkl.0123456789abcdef' }).phase).toBe('created');
  });
});

describe('create wizard: backend answers', () => {
  it.each([
    ['ttl', 'validation', 'ttl'],
    ['groups', 'validation', 'groups'],
    ['usages', 'validation', 'usages'],
    [undefined, 'forbidden', 'review'],
    [undefined, 'already-exists', 'review'],
    ['scope', 'validation', 'review'],
  ] as const)('an error on field %s (%s) is shown on the %s step, values kept', (field, kind, step) => {
    const creating = submitted();
    const error = new TokenTuiError(kind, `backend says no (${kind})`, { source: 'kubeadm', field, hint: 'try again' });
    const failed = run(creating, { type: 'failed', attempt: 1, error });
    expect(stepOf(failed)).toBe(step);
    expect(failed.phase === 'editing' && failed.error).toEqual({ message: `kubeadm: backend says no (${kind})`, hint: 'try again', fromBackend: true });
    expect(failed.values).toEqual(creating.values);
    expect(createIntent(failed)).toBeNull();
    // Fix and resubmit: a new attempt, and the old attempt's late answer is ignored.
    const resubmitted = run(failed, ...Array(5).fill(next));
    expect(createIntent(resubmitted)).toMatchObject({ attempt: 2 });
    expect(run(resubmitted, { type: 'created', attempt: 1, created, joinCommand: null }).phase).toBe('creating');
  });

  it('the result holds the secret and join command; dismissing drops them from the state', () => {
    const shown = run(submitted(), { type: 'created', attempt: 1, created, joinCommand: 'kubeadm join 10.0.0.1:6443 --token ghijkl.0123456789abcdef' });
    expect(shown.phase === 'created' && shown.result).toMatchObject({ created: { secret: created.secret }, joinCommandError: null });
    expect(run(shown, next).phase).toBe('created');
    for (const leave of [{ type: 'dismiss' } as const, back]) {
      const closed = run(shown, leave, { type: 'tick', now: NOW + 1000 });
      expect(closed.phase).toBe('closed');
      expect(JSON.stringify(closed)).not.toContain('0123456789abcdef');
    }
  });

  it('a join command that could not be built is reported beside the secret', () => {
    const shown = run(submitted(), { type: 'created', attempt: 1, created, joinCommand: null, joinCommandError: 'cluster-info unreadable' });
    expect(shown.phase === 'created' && shown.result).toMatchObject({ joinCommand: null, joinCommandError: 'cluster-info unreadable' });
  });
});

describe('create wizard: prefilled from a request (rotation replacement)', () => {
  it('starts from the request values', () => {
    const values = valuesFromRequest({ description: 'rack 7', ttlSeconds: null, usages: ['signing'], groups: ['system:bootstrappers:a', 'system:bootstrappers:b'] }, kubeadmLike);
    const state = initCreateWizard(kubeadmLike, NOW, values);
    expect(state.values).toEqual({ description: 'rack 7', ttlText: 'never', usages: ['signing'], groupsText: 'system:bootstrappers:a, system:bootstrappers:b', fields: {} });
    expect(wizardWarnings(state.values, kubeadmLike)).toEqual([expect.stringMatching(/never expires/)]);
  });
});

describe('create wizard: declared create fields (a REST scope and use limit)', () => {
  const next: CreateWizardAction = { type: 'next' };
  const input = (text: string): CreateWizardAction => ({ type: 'input', text });

  it('has a step per declared field, after the TTL, and sends their values', () => {
    const start = initCreateWizard(restLike, NOW);
    expect(start.steps).toEqual(['description', 'ttl', 'field:scope', 'field:maxUses', 'review']);
    expect(start.values.fields).toEqual({ scope: '', maxUses: '' });
    const onUses = run(start, input('workers'), next, next, input('pool:a'), next);
    expect(onUses).toMatchObject({ phase: 'editing', step: 'field:maxUses' });
    const submitted = run(onUses, input('5'), next, { type: 'submit' });
    expect(createIntent(submitted)?.request).toEqual({ description: 'workers', ttlSeconds: 3600, fields: { scope: 'pool:a', maxUses: 5 } });
  });

  it('empty max uses is unlimited; Space toggles single-use on and off', () => {
    const onUses = run(initCreateWizard(restLike, NOW), next, next, next);
    const single = run(onUses, { type: 'toggle-shortcut' });
    expect(single.values.fields['maxUses']).toBe('1');
    expect(run(single, { type: 'toggle-shortcut' }).values.fields['maxUses']).toBe('');
    expect(createIntent(run(single, next, { type: 'submit' }))?.request.fields).toEqual({ scope: '', maxUses: 1 });
    expect(createIntent(run(onUses, next, { type: 'submit' }))?.request.fields).toEqual({ scope: '', maxUses: null });
  });

  it('keeps a bad value on its step with the reason, and a backend refusal of the field goes back there', () => {
    const onUses = run(initCreateWizard(restLike, NOW), next, next, next, input('many'));
    const refused = run(onUses, next);
    expect(refused).toMatchObject({ phase: 'editing', step: 'field:maxUses', error: { message: expect.stringMatching(/"many" is not a whole number from 1 to 100/) } });
    const tooLong = run(initCreateWizard(restLike, NOW), next, next, input('x'.repeat(21)), next);
    expect(tooLong).toMatchObject({ step: 'field:scope', error: { message: 'scope is at most 20 characters' } });
    const sent = run(onUses, input('3'), next, { type: 'submit' });
    const back = run(sent, { type: 'failed', attempt: 1, error: { kind: 'validation', message: 'maxUses too high', field: 'maxUses' } });
    expect(back).toMatchObject({ phase: 'editing', step: 'field:maxUses', error: { message: 'maxUses too high', fromBackend: true } });
  });

  it("a rotation's replacement starts from the old token's fields and the review sends them unchanged", () => {
    const values = valuesFromRequest({ description: 'workers', ttlSeconds: 3600, fields: { scope: 'pool:a', maxUses: 5 } }, restLike);
    expect(values.fields).toEqual({ scope: 'pool:a', maxUses: '5' });
    let state = initCreateWizard(restLike, NOW, values);
    while (state.phase === 'editing' && state.step !== 'review') state = run(state, next);
    expect(createIntent(run(state, { type: 'submit' }))?.request).toEqual({ description: 'workers', ttlSeconds: 3600, fields: { scope: 'pool:a', maxUses: 5 } });
  });
});

// An LXD-like backend: a kind (join, trust) and, for trust tokens only, the projects a client is
// restricted to, where no list is every project and an empty one (typed "none") no project.
const kindLike: CreateWizardCapabilities = {
  ...bounded,
  createFields: [
    { kind: 'choice', key: 'kind', label: 'kind', flag: 'kind', help: 'what it enrolls', default: 'join', choices: [{ value: 'join', help: '' }, { value: 'trust', help: '' }] },
    { kind: 'list', key: 'projects', label: 'projects', flag: 'projects', help: 'trust only', default: null, unset: { label: 'all', emptyWord: 'none' }, itemPattern: '[^\\s/]+', appliesWhen: { key: 'kind', values: ['trust'] } },
  ],
};

describe('create wizard: a field that applies only to some tokens (an LXD trust token\'s projects)', () => {
  const choose = (delta: number): CreateWizardAction => ({ type: 'choose', delta });

  it('has no projects step for a join token, and sends no projects', () => {
    const start = initCreateWizard(kindLike, NOW);
    expect(start.steps).toEqual(['description', 'ttl', 'field:kind', 'review']);
    const review = run(start, input('lxd-4'), next, next, next);
    expect(stepOf(review)).toBe('review');
    expect(createIntent(run(review, { type: 'submit' }))?.request).toEqual({ description: 'lxd-4', ttlSeconds: 3600, fields: { kind: 'join' } });
  });

  it('choosing trust brings in the projects step; empty is every project, none is no project, a list restricts', () => {
    const onKind = run(initCreateWizard(kindLike, NOW), input('ci'), next, next);
    const trust = run(onKind, choose(1));
    expect(trust.steps).toEqual(['description', 'ttl', 'field:kind', 'field:projects', 'review']);
    const onProjects = run(trust, next);
    expect(stepOf(onProjects)).toBe('field:projects');
    const send = (text: string) => createIntent(run(onProjects, input(text), next, { type: 'submit' }))?.request.fields;
    expect(send('')).toEqual({ kind: 'trust', projects: null });
    expect(send('none')).toEqual({ kind: 'trust', projects: [] });
    expect(send('web, default')).toEqual({ kind: 'trust', projects: ['web', 'default'] });
    expect(run(onProjects, input('a b'), next)).toMatchObject({ step: 'field:projects', error: { message: 'projects: "a b" is not valid' } });
    // Back to join: the step and the typed projects leave the request.
    const backToJoin = run(onProjects, input('web'), back, choose(1));
    expect(backToJoin.steps).not.toContain('field:projects');
    expect(createIntent(run(backToJoin, next, { type: 'submit' }))?.request.fields).toEqual({ kind: 'join' });
  });

  it("a rotation's replacement of a restricted trust token keeps its kind and projects", () => {
    for (const projects of [['web'], [], null]) {
      const values = valuesFromRequest({ description: 'ci', ttlSeconds: 3600, fields: { kind: 'trust', projects } }, kindLike);
      let state = initCreateWizard(kindLike, NOW, values);
      expect(state.steps).toContain('field:projects');
      while (state.phase === 'editing' && state.step !== 'review') state = run(state, next);
      expect(createIntent(run(state, { type: 'submit' }))?.request.fields, JSON.stringify(projects)).toEqual({ kind: 'trust', projects });
    }
  });
});

// Server-token rotation against the emulated k3s supervisor (test/support/k3s-supervisor.ts):
// refusals happen before any request, no PUT leaves before the typed confirmation, and each
// supervisor answer maps to an error that says what happened. Negatives are read off its log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { snapshotTokenHash } from '../../core/k3s-token.ts';
import { createStubKubeClient, list, nodeObject, snapshotObject } from '../../../test/support/k3s-kube-stub.ts';
import { startK3sSupervisor, type K3sSupervisor, type K3sSupervisorOptions } from '../../../test/support/k3s-supervisor.ts';
import { planServerTokenRotation, revealNewServerToken, rotateServerToken, type RotationContext } from './server-token-rotation.ts';

const OLD = 'old-server-password-0123456789ab';
const NEW = 'new-server-password-abcdef012345';
let supervisor: K3sSupervisor;
let context: RotationContext;
const kube = createStubKubeClient({
  '/api/v1/nodes': list([nodeObject('server-1', ['control-plane', 'etcd']), nodeObject('agent-1', [])]),
  '/apis/k3s.cattle.io/v1/etcdsnapshotfiles': list([snapshotObject('before-rotation', { node: 'server-1', tokenHash: snapshotTokenHash(OLD), createdAt: '2026-03-01T00:00:00Z' })]),
});

async function start(options: K3sSupervisorOptions = {}) {
  supervisor = await startK3sSupervisor({ serverPassword: OLD, ...options });
  context = { client: kube, supervisorUrl: supervisor.url, tls: { insecureSkipTlsVerify: false }, clock: new ManualClock(1_000) };
}

const tokenFileOld = () => supervisor.tokenFile.trim();
const puts = () => supervisor.requests.filter((request) => request.method === 'PUT');

async function failure(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenTuiError);
  return error as TokenTuiError;
}

beforeEach(() => start());
afterEach(() => supervisor.close());

describe('refused before any request', () => {
  it.each([
    ['a bootstrap-shaped new token (k3s#12982)', { newToken: 'abcdef.0123456789abcdef' }, 'newToken', /bootstrap-token shape/],
    ['a new token in K10 form', { newToken: 'K10::server:whatever-new' }, 'newToken', /bare password/],
    ['a new token equal to the old', { newToken: OLD }, 'newToken', /equals the old one/],
    ['a bootstrap token as the old token', { oldToken: 'abcdef.0123456789abcdef' }, 'oldToken', /bootstrap token/],
    ['the agent token as the old token', { oldToken: 'K10::node:agent-password' }, 'oldToken', /agent token/],
  ])('%s', async (_label, input, field, message) => {
    kube.requests.length = 0;
    const error = await failure(planServerTokenRotation(context, { oldToken: tokenFileOld(), newToken: NEW, ...input }));
    expect(error).toMatchObject({ kind: 'validation', field });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/nothing was sent/);
    expect(supervisor.requests).toEqual([]);
    expect(kube.requests).toEqual([]);
  });
});

describe('plan, typed confirmation, PUT', () => {
  it('sends no PUT until the typed confirmation matches, then exactly one with Basic server:<old> and the newToken key', async () => {
    const plan = await planServerTokenRotation(context, { oldToken: tokenFileOld(), newToken: NEW });
    expect(plan.pinnedBy).toBe('old-token-hash');
    expect(plan.caHash).toBe(supervisor.caBundleSha256);
    expect(plan.confirmationText).toBe(new URL(supervisor.url).host);
    expect(puts()).toEqual([]);

    const wrong = await failure(rotateServerToken(context, plan, 'yes'));
    expect(wrong.kind).toBe('confirmation-required');
    expect(puts()).toEqual([]);
    expect(supervisor.passwd.find((row) => row.name === 'server')?.password).toBe(OLD);

    const result = await rotateServerToken(context, plan, plan.confirmationText);
    expect(puts()).toEqual([expect.objectContaining({ path: '/v1-k3s/token', auth: 'basic', basicUser: 'server', bodyKeys: ['newToken'], status: 200 })]);
    expect(supervisor.passwd.map((row) => [row.name, row.password])).toEqual([['server', NEW], ['node', NEW]]);
    expect(revealNewServerToken(plan)).toBe(supervisor.tokenFile.trim());
    expect(result).toMatchObject({ oldTokenHash: snapshotTokenHash(OLD), newTokenHash: snapshotTokenHash(NEW), rotatedAt: 1_000 });
    expect(result.snapshotsNeedingOldToken.map((snapshot) => snapshot.snapshotName)).toEqual(['before-rotation']);

    const again = await failure(rotateServerToken(context, plan, plan.confirmationText));
    expect(again.kind).toBe('conflict');
    expect(puts()).toHaveLength(1);
  });

  it('keeps no password in the plan, which is plain data for the journal', async () => {
    const plan = await planServerTokenRotation(context, { oldToken: tokenFileOld(), newToken: NEW });
    const journaled = JSON.stringify(plan);
    expect(journaled).not.toContain(OLD);
    expect(journaled).not.toContain(NEW);
    expect(plan.checklist.map((item) => item.id)).toEqual(['server-config:server-1', 'agent-restart:agent-1', 'store-old-token']);
  });

  it('generates 32 hex characters when no new token is given', async () => {
    const plan = await planServerTokenRotation(context, { oldToken: tokenFileOld() });
    expect(plan.newTokenGenerated).toBe(true);
    await rotateServerToken(context, plan, plan.confirmationText);
    expect(supervisor.passwd[0]?.password).toMatch(/^[0-9a-f]{32}$/);
  });

  it('leaves a separate agent token alone', async () => {
    await supervisor.close();
    await start({ agentPassword: 'separate-agent-password', separateAgentToken: true });
    const plan = await planServerTokenRotation(context, { oldToken: tokenFileOld(), newToken: NEW });
    await rotateServerToken(context, plan, plan.confirmationText);
    expect(supervisor.passwd.map((row) => [row.name, row.password])).toEqual([['server', NEW], ['node', 'separate-agent-password']]);
  });
});

describe('errors', () => {
  it('a wrong old token: 403, said plainly, nothing rotated', async () => {
    const plan = await planServerTokenRotation(context, { oldToken: `K10${supervisor.caBundleSha256}::server:not-the-password`, newToken: NEW });
    const error = await failure(rotateServerToken(context, plan, plan.confirmationText));
    expect(error).toMatchObject({ kind: 'forbidden', httpStatus: 403 });
    expect(error.message).toMatch(/refused the old server token \(403 forbidden\): nothing was rotated/);
    expect(error.hint).toMatch(/\/var\/lib\/rancher\/k3s\/server\/token/);
    expect(`${error.message} ${error.hint}`).not.toContain('not-the-password');
    expect(supervisor.passwd[0]?.password).toBe(OLD);
  });

  it('a rotation failure: 500 token error ID N, pointing at the server log', async () => {
    supervisor.failNextRotation('etcd: request timed out');
    const plan = await planServerTokenRotation(context, { oldToken: tokenFileOld(), newToken: NEW });
    const error = await failure(rotateServerToken(context, plan, plan.confirmationText));
    const id = /token error ID (\d{5})/.exec(supervisor.serverLog.at(-1) ?? '')?.[1];
    expect(id).toBeDefined();
    expect(error).toMatchObject({ kind: 'server', httpStatus: 500 });
    expect(error.message).toContain(`token error ID ${id}`);
    expect(error.hint).toMatch(new RegExp(`read the k3s server log.*grep "token error ID ${id}"`));
  });

  it('an old token whose K10 hash is not this CA: refused after GET /cacerts, before any PUT', async () => {
    const error = await failure(planServerTokenRotation(context, { oldToken: `K10${'0'.repeat(64)}::server:${OLD}`, newToken: NEW }));
    expect(error.message).toMatch(/does not match the old token's K10 hash; nothing was sent/);
    expect(supervisor.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /cacerts', 'GET /cacerts']);
  });

  it('a bare old password and a CA nothing vouches for: refused, asking for the K10 form', async () => {
    const error = await failure(planServerTokenRotation(context, { oldToken: OLD, newToken: NEW }));
    expect(error.message).toMatch(/carries no K10 hash to pin it/);
    expect(puts()).toEqual([]);
  });

  it('a bare old password is fine when the kubeconfig CA verifies the supervisor', async () => {
    const trusted = { ...context, tls: { insecureSkipTlsVerify: false, caPem: supervisor.caBundle.toString('latin1') } };
    const plan = await planServerTokenRotation(trusted, { oldToken: OLD, newToken: NEW });
    expect(plan.pinnedBy).toBe('kubeconfig-ca');
    await rotateServerToken(trusted, plan, plan.confirmationText);
    expect(supervisor.passwd[0]?.password).toBe(NEW);
  });
});

// `tokentui revoke ID ID ...` against the reference server over loopback, every "nothing was
// revoked" proven on the server's own request log: one combined preview first, nothing revoked
// unless the confirmation covers the whole batch (--confirm naming every id, or --confirm-all
// with their count), then each token revoked against its own preview.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RevokeBatchJson } from '../../src/cli/commands/revoke-batch.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { useReferenceServer } from './reference-server-fixture.ts';

const reference = useReferenceServer();
const { serverLog, cli } = reference;
const deletes = () => serverLog.filter((line) => line.startsWith('DELETE '));

async function createToken(description: string): Promise<{ id: string; token: string }> {
  const created = await cli('create', '--ttl', '1h', '--description', description, '-o', 'json');
  expect(created.code).toBe(0);
  return JSON.parse(created.stdout) as { id: string; token: string };
}

/** A machine that began enrolling with `token` and has not finished: revoking the token fails its join. */
async function pendingMachine(token: string, machine: string): Promise<void> {
  const response = await fetch(`${reference.server.url}/api/v1/bootstrap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, machine, pending: true }),
  });
  expect(response.status).toBe(201);
}

async function listedIds(): Promise<string[]> {
  return (JSON.parse((await cli('list', '-o', 'json')).stdout) as { id: string }[]).map((token) => token.id);
}

/** Three tokens: the first with a join in progress (HIGH), two with nothing affected; and one more left out of the batch. */
async function batchOfThree(): Promise<[string, string, string]> {
  await createToken('keeper');
  const busy = await createToken('busy');
  await pendingMachine(busy.token, `rack-${busy.id}`);
  const ids: [string, string, string] = [busy.id, (await createToken('spare 1')).id, (await createToken('spare 2')).id];
  serverLog.length = 0;
  return ids;
}

describe('revoke ID ID ID', () => {
  it('without --confirm: the combined preview, then each token\'s own; no DELETE; exit 3 and one refusal per token in the journal', async () => {
    const [busy, spare1, spare2] = await batchOfThree();
    const result = await cli('revoke', busy, spare1, spare2);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Target: context [^\\n]+ \\(rest, http:[^\\n]+\\)\\nCombined impact of revoking 3 tokens: 1 HIGH, 2 none\\n  HIGH: ${busy}\\n  nothing affected: ${spare1}, ${spare2}\\n` +
          `Machines and nodes, each once \\(1\\):\\n  rack-${busy}: join fails \\(${busy}\\)\\n` +
          `Impact found or unknown \\(the TUI asks for the id typed\\): ${busy}\\n` +
          `To revoke all 3: --confirm ${busy},${spare1},${spare2} \\(or --confirm-all 3\\)\\n`,
      ),
    );
    for (const id of [busy, spare1, spare2]) expect(result.stdout).toContain(`Impact of revoking token ${id}: `);
    expect(result.stderr).toBe(`tokentui: nothing was revoked: pass --confirm ${busy},${spare1},${spare2} (every id) or --confirm-all 3\n`);
    expect(deletes()).toEqual([]);
    const records = readFileSync(reference.state.journal, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord).slice(-3);
    expect(records.map((record) => [record.action, record.tokenId, record.outcome])).toEqual([busy, spare1, spare2].map((id) => ['revoke', id, 'refused']));
  });

  it('--confirm naming only some ids, or --confirm-all with another count: exit 3, no DELETE, the missing ids named', async () => {
    const [busy, spare1, spare2] = await batchOfThree();
    const some = await cli('revoke', busy, spare1, spare2, '--confirm', `${spare1},${spare2}`);
    expect(some.code).toBe(3);
    expect(some.stderr).toBe(`tokentui: nothing was revoked: --confirm does not name ${busy}; pass --confirm ${busy},${spare1},${spare2} (every id) or --confirm-all 3\n`);
    const count = await cli('revoke', busy, spare1, spare2, '--confirm-all', '2');
    expect(count.code).toBe(3);
    expect(count.stderr).toContain('--confirm-all 2 is not the 3 tokens of this batch');
    const stranger = await cli('revoke', spare1, spare2, '--confirm', spare1, '--confirm', spare2, '--confirm', `${spare2}.0123456789abcdef`);
    expect(stranger.code).toBe(3);
    expect(stranger.stderr).toContain('1 --confirm value names no token of this batch');
    expect(stranger.stderr).not.toContain('0123456789abcdef');
    expect(deletes()).toEqual([]);
    expect(await listedIds()).toEqual(expect.arrayContaining([busy, spare1, spare2]));
  });

  it('--confirm every id (repeated and comma lists alike) -o json: one DELETE each, in batch order, each verified gone', async () => {
    const [busy, spare1, spare2] = await batchOfThree();
    const result = await cli('revoke', busy, spare1, spare2, '--confirm', busy, '--confirm', `${spare2},${spare1}`, '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as RevokeBatchJson;
    expect(json).toMatchObject({ outcome: 'revoked', revoked: [busy, spare1, spare2], notRevoked: [], combined: { bySeverity: { high: [busy], none: [spare1, spare2] } } });
    expect(json.tokens.map((token) => [token.tokenId, token.outcome, token.verification?.tokenGone])).toEqual([busy, spare1, spare2].map((id) => [id, 'revoked', true]));
    expect(deletes().map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([busy, spare1, spare2].map((id) => `DELETE /api/v1/tokens/${id}`));
    const left = await listedIds();
    for (const id of [busy, spare1, spare2]) expect(left).not.toContain(id);
  });

  it('--confirm-all N with the count revokes them all', async () => {
    const [, spare1, spare2] = await batchOfThree();
    const result = await cli('revoke', spare1, spare2, '--confirm-all', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Revoked 2 of 2 tokens: ${spare1}, ${spare2}.\n`);
    expect(deletes()).toHaveLength(2);
  });

  it('an id that does not exist stops the whole batch before anything is revoked (exit 4); a repeated id is exit 2', async () => {
    const [busy, spare1] = await batchOfThree();
    const missing = await cli('revoke', busy, 'zzzzzz', spare1, '--confirm-all', '3');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^tokentui: token zzzzzz not found; nothing was revoked\n/);
    const twice = await cli('revoke', busy, busy, '--confirm-all', '2');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(new RegExp(`^tokentui: token ${busy} is given twice; each id once\\n`));
    const both = await cli('revoke', busy, spare1, '--confirm', busy, '--confirm-all', '2');
    expect(both.code).toBe(2);
    expect(deletes()).toEqual([]);
  });

  it('a batch that would leave no active token says so in the combined preview', async () => {
    const before = await listedIds();
    const result = await cli('revoke', ...before, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('the whole batch: no other active token is left once the batch is revoked');
    expect(deletes()).toEqual([]);
  });
});

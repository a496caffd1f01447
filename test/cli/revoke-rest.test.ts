// impact/revoke through the rest adapter against the reference server over loopback, with the
// server's own request log: no DELETE before a matching --confirm; one DELETE after it.
import { describe, expect, it } from 'vitest';
import { useReferenceServer } from './reference-server-fixture.ts';

const { serverLog, cli } = useReferenceServer();
const deletes = () => serverLog.filter((line) => line.startsWith('DELETE '));

async function createToken(): Promise<string> {
  const created = await cli('create', '--ttl', '1h', '-o', 'json');
  expect(created.code).toBe(0);
  return (JSON.parse(created.stdout) as { id: string }).id;
}

describe('revoke with the rest adapter', () => {
  it('impact and revoke without --confirm send no DELETE; the token is still listed', async () => {
    const id = await createToken();
    const preview = await cli('impact', id, '-o', 'json');
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ state: 'known', tokenId: id, severity: expect.any(String) });
    for (const args of [[], ['--confirm', `${id}x`], ['--dry-run', '--confirm', id]]) {
      const refused = await cli('revoke', id, ...args);
      expect(refused.code).toBe(args[0] === '--dry-run' ? 0 : 3);
    }
    expect(serverLog.length).toBeGreaterThan(0);
    expect(deletes()).toEqual([]);
    const listed = JSON.parse((await cli('list', '-o', 'json')).stdout) as { id: string }[];
    expect(listed.map((token) => token.id)).toContain(id);
  });

  it('revoke --confirm ID sends one DELETE, verifies and exits 0', async () => {
    const id = await createToken();
    serverLog.length = 0;
    const result = await cli('revoke', id, '--confirm', id, '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokenId: id, outcome: 'revoked', verification: { tokenGone: true } });
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]).toMatch(new RegExp(`^DELETE /api/v1/tokens/${id} 2\\d\\d `));
    const again = await cli('impact', id);
    expect(again.code).toBe(4);
  });
});

// The join command is run for real: bash + curl against the reference server on loopback.
import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRestServer, type TestRestServer } from '../../../test/support/rest-server.ts';
import type { WireMachineList } from '../../rest-contract/wire.ts';
import { buildJoinCommand } from './join-command.ts';

const run = promisify(execFile);
let server: TestRestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('buildJoinCommand', () => {
  it('is a curl that redeems the token as this host when run by a shell', async () => {
    server = await startTestRestServer();
    const minted = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const { secret } = (await minted.json()) as { secret: string };
    const command = buildJoinCommand(`${server.url}/`, secret);
    expect(command).toBe(
      `curl -fsS -X POST '${server.url}/api/v1/bootstrap' -H 'content-type: application/json' ` +
        `-d "{\\"token\\":\\"${secret}\\",\\"machine\\":\\"$(hostname)\\"}"`,
    );
    const { stdout } = await run('bash', ['-c', command]);
    expect(JSON.parse(stdout).machine.name).toBe(hostname());
    const machines = await fetch(`${server.url}/api/v1/machines`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(((await machines.json()) as WireMachineList).items.map((machine) => machine.name)).toEqual([hostname()]);
  });

  it('refuses a secret with characters a shell would interpret', () => {
    expect(() => buildJoinCommand('http://127.0.0.1:1', 'abc$(rm -rf ~)')).toThrow(/unsafe in a shell command/);
  });
});

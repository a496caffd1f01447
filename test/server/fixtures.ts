// Small request helpers shared by the server tests; every call goes through the contract check.
import type {
  WireAuditEntry,
  WireAuditPage,
  WireBootstrapResult,
  WireCreatedToken,
  WireCreateTokenRequest,
  WireImpact,
} from '../../src/rest-contract/wire.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { contractClient, type ApiResponse } from './contract.ts';
import type { TokenServerOptions } from '../../src/server/options.ts';

export interface ServerFixture extends TestRestServer {
  readonly request: ReturnType<typeof contractClient>;
  mint(body?: WireCreateTokenRequest): Promise<WireCreatedToken>;
  redeem(token: string, machine: string, extra?: Record<string, unknown>): Promise<ApiResponse<WireBootstrapResult>>;
  impact(id: string): Promise<ApiResponse<WireImpact>>;
  audit(): Promise<WireAuditEntry[]>;
}

export async function startServerFixture(options: Partial<Omit<TokenServerOptions, 'apiKeys'>> = {}): Promise<ServerFixture> {
  const server = await startTestRestServer(options);
  const request = contractClient(server.url);
  return {
    ...server,
    request,
    async mint(body = {}) {
      const response = await request<WireCreatedToken>('POST', '/api/v1/tokens', { key: server.apiKey, json: body });
      if (response.status !== 201) throw new Error(`mint failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    redeem: (token, machine, extra = {}) =>
      request<WireBootstrapResult>('POST', '/api/v1/bootstrap', { json: { token, machine, ...extra } }),
    impact: (id) => request<WireImpact>('GET', `/api/v1/tokens/${id}/impact`, { key: server.apiKey }),
    async audit() {
      const response = await request<WireAuditPage>('GET', '/api/v1/audit?limit=1000', { key: server.apiKey });
      return [...response.body.items].reverse();
    },
  };
}

// listPages: a list read from the watch cache (resourceVersion=0) that the apiserver pages anyway
// continues without resourceVersion, which the apiserver refuses beside `continue`.
import { describe, expect, it } from 'vitest';
import type { KubeClient, KubeRequestOptions } from './client.ts';
import { listPages } from './paged-list.ts';

function pagingClient(pages: readonly { items: unknown[]; continue: string }[]) {
  const queries: Readonly<Record<string, string>>[] = [];
  const client = {
    connection: { server: 'https://paging:6443' },
    async request(_method: string, _path: string, options?: KubeRequestOptions) {
      queries.push(options?.searchParams ?? {});
      const page = pages[queries.length - 1];
      if (page === undefined) throw new Error('asked for a page past the end');
      return { metadata: { resourceVersion: '7', continue: page.continue }, items: page.items };
    },
  } as unknown as KubeClient;
  return { client, queries };
}

describe('listPages', () => {
  it('sends resourceVersion with the first page only, and continue with the rest', async () => {
    const { client, queries } = pagingClient([
      { items: [{ name: 'a' }], continue: 'next-1' },
      { items: [{ name: 'b' }], continue: '' },
    ]);
    const names: unknown[] = [];
    for await (const page of listPages(client, '/things', { searchParams: { fieldSelector: 'type=x', resourceVersion: '0' }, pageSize: 1 })) names.push(...page.items);
    expect(names).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(queries).toEqual([
      { fieldSelector: 'type=x', resourceVersion: '0', limit: '1' },
      { fieldSelector: 'type=x', limit: '1', continue: 'next-1' },
    ]);
  });
});

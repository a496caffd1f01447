// A Kubernetes LIST, page by page (`limit` / `continue`), with what the apiserver's answer must
// be checked for before it is trusted: an object whose `items` is an array of objects and whose
// `continue` and `resourceVersion` are strings. And a list has an end: a `continue` token seen
// before, or more than MAX_LIST_PAGES pages, is a server that would keep the client asking for
// ever (one that always answered with a new `continue` took 236,477 requests in 40 s before this).
import { TokenTuiError } from '../core/errors.ts';
import type { KubeClient } from './client.ts';

/** Pages of one list before it is given up: 1,000 pages of 500 is 500,000 objects. */
export const MAX_LIST_PAGES = 1000;

export interface ListPage<T> {
  readonly items: readonly T[];
  /** The collection's resourceVersion ('' when the answer has none). */
  readonly resourceVersion: string;
  /** '' on the last page. */
  readonly continueToken: string;
}

export interface PagedListOptions<T = unknown> {
  readonly searchParams?: Readonly<Record<string, string>>;
  /** `limit` per page; absent = one unpaged LIST (a `continue` in the answer is still followed). */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
  readonly maxPages?: number;
  /** The adapter id errors carry (default 'kubernetes'). */
  readonly source?: string;
  /**
   * Maps each item (an object: checked first) as it arrives, and the pages carry what it returns:
   * the raw items are never all held at once (kube/list-body.ts). Without it, pages carry the items.
   */
  readonly mapItem?: (item: Record<string, unknown>) => T;
}

function listProblem(client: KubeClient, path: string, problem: string, field: string | undefined, source = 'kubernetes'): TokenTuiError {
  return new TokenTuiError('server', `${client.connection.server} answered the list of ${path} with ${problem}`, {
    source,
    ...(field === undefined ? {} : { field }),
    hint: 'is the server a Kubernetes apiserver, and the kubeconfig pointing at the right one?',
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One page's envelope, checked: what a server may not get wrong for the list to be read at all. */
export function checkListPage<T>(client: KubeClient, path: string, body: unknown, source?: string): ListPage<T> {
  const problem = (what: string, field?: string) => listProblem(client, path, what, field, source);
  if (!isObject(body)) throw problem('something that is not a JSON object');
  const items = body.items ?? [];
  if (!Array.isArray(items)) throw problem('`items` that is not an array', 'items');
  // A plain loop: this runs on every page of `tokentui list`, mostly before the JIT has warmed up.
  for (let index = 0; index < items.length; index++) {
    if (!isObject(items[index])) throw problem(`items[${index}] that is not an object`, `items[${index}]`);
  }
  const metadata = body.metadata ?? {};
  if (!isObject(metadata)) throw problem('`metadata` that is not an object', 'metadata');
  const { continue: continueToken = '', resourceVersion = '' } = metadata;
  if (typeof continueToken !== 'string') throw problem('`metadata.continue` that is not a string', 'metadata.continue');
  if (typeof resourceVersion !== 'string') throw problem('`metadata.resourceVersion` that is not a string', 'metadata.resourceVersion');
  return { items: items as T[], resourceVersion, continueToken };
}

/** One page: its items mapped as they arrive when there is a mapper, else the answer's items. */
async function readPage<T>(client: KubeClient, path: string, searchParams: Record<string, string>, options: PagedListOptions<T>): Promise<ListPage<T>> {
  const { mapItem, signal, source } = options;
  if (mapItem === undefined) return checkListPage<T>(client, path, await client.request<unknown>('GET', path, { searchParams, signal }), source);
  const mapped: T[] = [];
  const onItem = (item: unknown) => {
    const field = `items[${mapped.length}]`;
    if (!isObject(item)) throw listProblem(client, path, `${field} that is not an object`, field, source);
    mapped.push(mapItem(item));
  };
  const page = checkListPage<Record<string, unknown>>(client, path, await client.request<unknown>('GET', path, { searchParams, signal, onItem }), source);
  // A client that did not stream (one answering from memory) hands the items back whole.
  return { ...page, items: page.items.length > 0 ? page.items.map(mapItem) : mapped };
}

/** Every page of a LIST, in order; throws when the server's `continue` tokens would never end. */
export async function* listPages<T>(client: KubeClient, path: string, options: PagedListOptions<T> = {}): AsyncGenerator<ListPage<T>> {
  const maxPages = options.maxPages ?? MAX_LIST_PAGES;
  const seen = new Set<string>();
  let continueToken = '';
  for (let pages = 1; ; pages += 1) {
    const searchParams: Record<string, string> = { ...options.searchParams };
    if (options.pageSize !== undefined) searchParams.limit = String(options.pageSize);
    if (continueToken !== '') {
      searchParams.continue = continueToken;
      // A continued list is read at the first page's version; the apiserver refuses both at once.
      delete searchParams.resourceVersion;
    }
    const page = await readPage(client, path, searchParams, options);
    yield page;
    if (page.continueToken === '') return;
    if (seen.has(page.continueToken)) {
      throw listProblem(client, path, `a \`continue\` token it had already sent (page ${pages}); the list would never end, so it was stopped`, 'metadata.continue', options.source);
    }
    if (pages >= maxPages) {
      throw listProblem(client, path, `more than ${maxPages} pages; stopped, as a server that never ends its list would be asked for ever`, 'metadata.continue', options.source);
    }
    seen.add(page.continueToken);
    continueToken = page.continueToken;
  }
}

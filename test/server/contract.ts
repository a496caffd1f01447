// Test helpers that hold the server to docs/rest-contract.openapi.yaml: every response a test
// receives through `contractClient` must have a status the contract lists for that operation
// and a body valid against the documented schema (JSON Schema 2020-12, via ajv).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { load as parse } from 'js-yaml';
import type { WireError } from '../../src/rest-contract/wire.ts';

export const contractPath = join(import.meta.dirname, '../../docs/rest-contract.openapi.yaml');

type Json = Record<string, unknown>;
interface Operation {
  readonly responses: Record<string, Json>;
}

const contract = parse(readFileSync(contractPath, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Json; responses: Record<string, Json> };
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', RFC3339);
// The schemas live under components/schemas, which is not a JSON Schema keyword.
ajv.addKeyword('components');
ajv.addSchema({ $id: 'contract', components: { schemas: contract.components.schemas } });

const compiled = new Map<string, ValidateFunction>();
function validatorFor(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `contract${ref}` });
    compiled.set(ref, validate);
  }
  return validate;
}

/** Throws unless `value` is valid against `#/components/schemas/<name>`. */
export function assertMatchesSchema(name: string, value: unknown): void {
  const validate = validatorFor(`#/components/schemas/${name}`);
  if (!validate(value)) {
    throw new Error(`not a valid ${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
  }
}

function templateFor(pathname: string): string {
  const template = Object.keys(contract.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname),
  );
  if (!template) throw new Error(`${pathname} is not in the contract`);
  return template;
}

/** Throws unless (method, path, status, body) is a response the contract documents. */
export function assertDocumentedResponse(method: string, pathname: string, status: number, body: unknown): void {
  const template = templateFor(pathname);
  const operation = contract.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${template} is not in the contract`);
  let response = operation.responses[String(status)];
  if (!response) throw new Error(`${method} ${template} answered ${status}, which the contract does not list`);
  if (typeof response.$ref === 'string') response = contract.components.responses[response.$ref.split('/').at(-1) ?? ''] ?? {};
  const content = response.content as Record<string, { schema?: Json }> | undefined;
  const schemaRef = content?.['application/json']?.schema?.$ref;
  if (schemaRef === undefined) {
    if (body !== undefined) throw new Error(`${method} ${template} ${status} documents no JSON body but got one`);
    return;
  }
  const validate = validatorFor(String(schemaRef));
  if (!validate(body)) {
    throw new Error(`${method} ${template} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  }
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  /** The same body read as the contract's error shape (meaningful for 4xx/5xx answers). */
  readonly error: WireError;
}

export interface RequestOptions {
  /** Bearer key; omitted = no Authorization header. */
  readonly key?: string;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
  readonly rawBody?: string;
}

/** fetch() against the server, checking every answer against the contract. */
export function contractClient(baseUrl: string) {
  return async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== undefined) headers['authorization'] = `Bearer ${options.key}`;
    let body: string | undefined = options.rawBody;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (text !== '') expectJsonContentType(response);
    assertDocumentedResponse(method, new URL(path, baseUrl).pathname, response.status, parsed);
    return { status: response.status, headers: response.headers, body: parsed as T, error: parsed as WireError };
  };
}

function expectJsonContentType(response: Response): void {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`expected a JSON content type, got ${type}`);
}

// YAML reading for kubeconfigs. The block subset kubectl, kubeadm and k3s write is read by
// simple-yaml.ts; everything else (flow collections, anchors, block scalars, comments after values,
// hand-written oddities) by js-yaml, loaded only then: its import is a measurable part of a start
// that competes with `kubeadm token list`. js-yaml ships CommonJS, so a require loads it
// synchronously and the parse stays synchronous. (`-o yaml` output imports js-yaml on its own.)
import { createRequire } from 'node:module';
import type { YAMLException } from 'js-yaml';
import { parseSimpleYaml } from './simple-yaml.ts';

type JsYaml = typeof import('js-yaml');

let jsYaml: JsYaml | undefined;

function loadJsYaml(): JsYaml {
  jsYaml ??= createRequire(import.meta.url)('js-yaml') as JsYaml;
  return jsYaml;
}

/** js-yaml's `load`: one document, core schema; throws a YAML error (see isYamlError) when invalid. */
export function parseYaml(text: string): unknown {
  const simple = parseSimpleYaml(text);
  return simple === undefined ? loadJsYaml().load(text) : simple;
}

/** A js-yaml parse error, recognised without loading js-yaml when nothing has. */
export function isYamlError(error: unknown): error is YAMLException {
  return error instanceof Error && error.name === 'YAMLException';
}

// What a command that prints one result hands -o json|yaml|name|jsonpath: the data behind its
// text. Prepared before the command acts: a bad jsonpath template is refused (exit 2) before
// anything is sent, and js-yaml is loaded then, so the writer itself is synchronous.
import { executeTemplate, JsonPathError, parseTemplate, type Template } from '../../core/jsonpath/jsonpath.ts';
import { usageError } from '../../core/errors.ts';
import type { OutputFormat } from '../command-table.ts';
import type { TextSink } from '../io.ts';
import { printable, writeJson, yamlWriter } from '../output.ts';

export interface OutputChoice {
  readonly output: OutputFormat;
  readonly outputArgument?: string;
}

/** Writes one value in the chosen format; `name` is what -o name prints (token/ID). */
export type DataWriter = (value: unknown, name?: string) => void;

/** kubectl's wording for a template it cannot parse or run, as one usage error. */
export function templateError(error: unknown, example: string): Error {
  if (!(error instanceof JsonPathError)) return error instanceof Error ? error : new Error(String(error));
  return usageError(`-o jsonpath: ${error.message}`, `e.g. -o jsonpath='${example}'`);
}

export function parseJsonPathTemplate(text: string, example: string): Template {
  try {
    return parseTemplate(text);
  } catch (error) {
    throw templateError(error, example);
  }
}

/** Runs a template, every value from the data shown terminal-safe (the template's own text as written). */
export function runTemplate(template: Template, data: unknown, example: string): string {
  try {
    return executeTemplate(template, data, { escapeValue: (text) => printable(text) });
  } catch (error) {
    throw templateError(error, example);
  }
}

/** The writer for `choice`; `text` formats get none (the command prints its own words). */
export async function dataWriter(choice: OutputChoice, sink: TextSink): Promise<DataWriter | undefined> {
  switch (choice.output) {
    case 'json':
      return (value) => writeJson(sink, value);
    case 'yaml':
      return await yamlWriter(sink);
    case 'name':
      return (_value, name) => {
        if (name !== undefined) sink.write(`${printable(name)}\n`);
      };
    case 'jsonpath': {
      const template = parseJsonPathTemplate(choice.outputArgument ?? '', '{.id}');
      return (value) => sink.write(runTemplate(template, value, '{.id}'));
    }
    default:
      return undefined;
  }
}

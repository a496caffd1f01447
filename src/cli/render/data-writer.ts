// What a command that prints one result hands -o json|yaml|name|jsonpath: the data behind its
// text. Prepared before the command acts: a bad jsonpath template is refused (exit 2) before
// anything is sent, and js-yaml or the JSONPath engine (template-output.ts) is loaded then, only
// for its format, so the writer itself is synchronous.
import type { OutputFormat } from '../command-table.ts';
import type { TextSink } from '../io.ts';
import { printable, writeJson, yamlWriter } from '../output.ts';

export interface OutputChoice {
  readonly output: OutputFormat;
  readonly outputArgument?: string;
}

/** Writes one value in the chosen format; `name` is what -o name prints (token/ID, one a line). */
export type DataWriter = (value: unknown, name?: string | readonly string[]) => void;

/** The writer for `choice`; `text` formats get none (the command prints its own words). */
export async function dataWriter(choice: OutputChoice, sink: TextSink): Promise<DataWriter | undefined> {
  switch (choice.output) {
    case 'json':
      return (value) => writeJson(sink, value);
    case 'yaml':
      return await yamlWriter(sink);
    case 'name':
      return (_value, name) => {
        for (const line of name === undefined ? [] : typeof name === 'string' ? [name] : name) sink.write(`${printable(line)}\n`);
      };
    case 'jsonpath': {
      const { parseJsonPathTemplate, runTemplate } = await import('./template-output.ts');
      const template = parseJsonPathTemplate(choice.outputArgument ?? '', '{.id}');
      return (value) => sink.write(runTemplate(template, value, '{.id}'));
    }
    default:
      return undefined;
  }
}

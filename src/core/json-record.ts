// The common first step of reading a journal file back: JSON text -> a plain object whose
// fields are checked next, or the reason it is not one (reported with the file's name).
import { errorMessage } from './errors.ts';

export type JsonRecord = Record<string, unknown>;

export type ParsedJsonRecord = { readonly ok: true; readonly record: JsonRecord } | { readonly ok: false; readonly error: string };

/** Parses text into a JSON object; `invalidField` names the first field that is missing or wrong. */
export function parseJsonRecord(text: string, invalidField: (record: JsonRecord) => string | null): ParsedJsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${errorMessage(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not a JSON object' };
  const record = value as JsonRecord;
  const field = invalidField(record);
  return field === null ? { ok: true, record } : { ok: false, error: `missing or invalid "${field}"` };
}

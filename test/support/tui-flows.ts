// Steps shared by the real-terminal scenarios (test/real/*): waiting for a screen without
// leaking the secret on it into the test log, reading the token rows, and answering a revoke
// preview the way it asks. Every wait polls the screen (tmux.ts), never sleeps.
import type { ScreenPredicate, TmuxSession } from './tmux.ts';

/** `<id>.<secret>` as every backend here prints it. */
export const FULL_TOKEN = /\b([a-z0-9]{6})\.([a-z0-9]{16})\b/;

/**
 * Failure messages carry the last screen; a secret on it must not reach the test log. The
 * result screen's join command may wrap the secret over two lines, so its whole secret
 * section goes, not just what the token pattern finds.
 */
export function redactScreen(text: string): string {
  const lines = text.replaceAll(new RegExp(FULL_TOKEN.source, 'g'), '$1.<secret>').split('\n');
  const start = lines.findIndex((line) => line === 'Token');
  const end = lines.findIndex((line, index) => index > start && /^y copy command/.test(line));
  if (start >= 0 && end > start) lines.splice(start, end - start, '<secret section redacted>');
  return lines.join('\n');
}

/** tmux's waitForScreen, with the last screen redacted in the timeout error. */
export async function waitForScreen(tui: TmuxSession, predicate: ScreenPredicate, timeoutMs = 10_000): Promise<string> {
  try {
    return await tui.waitForScreen(predicate, timeoutMs);
  } catch (error) {
    throw new Error(redactScreen(error instanceof Error ? error.message : String(error)));
  }
}

/**
 * `c`, then the five steps of the create wizard on a REST backend: the description typed, the
 * defaults of TTL, scope and max uses, Enter on the review. Returns once the create is sent.
 */
export async function createThroughWizard(tui: TmuxSession, description: string): Promise<void> {
  await tui.sendKeys('c');
  await waitForScreen(tui, /step 1 of 5: description/);
  await tui.sendText(description);
  await tui.sendKeys('Enter');
  for (const step of ['2 of 5: time to live', '3 of 5: scope', '4 of 5: max uses']) {
    await waitForScreen(tui, (screen) => screen.includes(`step ${step}`));
    await tui.sendKeys('Enter');
  }
  await waitForScreen(tui, /step 5 of 5: review/);
  await tui.sendKeys('Enter');
}

/** Token rows on screen (the table's id column), in screen order. */
export function listedIds(screen: string): string[] {
  return screen.split('\n').flatMap((line) => /^.{2} ([a-z0-9]{6}) /.exec(line)?.[1] ?? []);
}

/**
 * Answers the revoke preview of `id` the way it asks: typing the id when the impact calls for
 * it, else y/Enter. Returns which confirmation was asked for.
 */
export async function confirmRevoke(tui: TmuxSession, id: string): Promise<'typed-id' | 'yes'> {
  const typed = `Type ${id} to revoke it:`;
  const simple = `Revoke ${id}? y/Enter revokes`;
  const preview = await waitForScreen(tui, (screen) => screen.includes(`Revoke token ${id}`) && (screen.includes(typed) || screen.includes(simple)), 15_000);
  if (preview.includes(typed)) {
    await tui.sendText(id);
    await waitForScreen(tui, (screen) => screen.includes(`${typed} ${id}`));
    await tui.sendKeys('Enter');
    return 'typed-id';
  }
  await tui.sendKeys('Enter');
  return 'yes';
}

/**
 * The join command under "Join command" on a result screen, as a shell reads the lines a mouse
 * selection would copy: ` \` and a bare `\` at a line's end continue it (the screen breaks the
 * command only there).
 */
export function joinCommandOnScreen(screen: string): string {
  const lines = screen.split('\n').map((line) => line.trimEnd());
  const start = lines.indexOf('Join command') + 1;
  let end = start + 1;
  while (end < lines.length && lines[end - 1]!.endsWith('\\')) end++;
  return lines.slice(start, end).join('\n').replaceAll(' \\\n', ' ').replaceAll('\\\n', '');
}

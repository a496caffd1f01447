// Where a screen opened from the list or a token's details returns to when it closes.
export type BackTarget = { readonly kind: 'list' } | { readonly kind: 'details'; readonly tokenId: string; readonly scroll: number };

/** The details a screen was opened from, or the list. */
export function backTargetOf(screen: { readonly kind: string }): BackTarget {
  return screen.kind === 'details' ? (screen as Extract<BackTarget, { kind: 'details' }>) : { kind: 'list' };
}

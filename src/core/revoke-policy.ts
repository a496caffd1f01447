// Whether what the operator pressed, typed or passed is enough to revoke a token, given its
// impact preview (clig.dev "severe": make accidental confirmation hard).
// y/Enter suffices only when the preview shows nothing affected and nothing unknown; otherwise
// only the exact token id. On the command line `--confirm` must always equal the id.
import { requiredConfirmation, type ImpactPreview } from './impact.ts';

export type ConfirmationInput =
  | { readonly kind: 'key'; readonly key: 'y' | 'enter' }
  | { readonly kind: 'typed'; readonly text: string }
  | { readonly kind: 'flag'; readonly confirm?: string };

export function confirmationSatisfied(preview: ImpactPreview, input: ConfirmationInput, tokenId: string): boolean {
  // A preview of another token confirms nothing about this one.
  if (preview.tokenId !== tokenId || tokenId === '') return false;
  switch (input.kind) {
    case 'key':
      return requiredConfirmation(preview) === 'yes';
    case 'typed':
      // Exact: no trimming or case folding, so a stray paste or a near miss does nothing.
      return input.text === tokenId;
    case 'flag':
      return input.confirm === tokenId;
  }
}

// The TokenTuiError a synchronous action throws; fails the test when it throws nothing or something else.
import { TokenTuiError } from '../../src/core/errors.ts';

export function thrownTokenTuiError(action: () => unknown): TokenTuiError {
  try {
    action();
  } catch (error) {
    if (error instanceof TokenTuiError) return error;
    throw error;
  }
  throw new Error('expected a TokenTuiError');
}

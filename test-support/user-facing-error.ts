import { UserFacingError } from '../src/errors.js';

/** The UserFacingError a call throws. Anything else, or no error at all, fails the test. */
export function userFacingErrorOf(run: () => unknown): UserFacingError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected a UserFacingError, but nothing was thrown');
}

/** The same for a promise. */
export async function userFacingRejectionOf(promise: Promise<unknown>): Promise<UserFacingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected a UserFacingError, but the promise resolved');
}

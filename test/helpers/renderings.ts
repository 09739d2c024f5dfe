// Every way an error can be rendered: where a secret must never appear.
import { inspect } from 'node:util';
import type { RegistryError } from '../../src/index.js';

export function renderings(error: unknown): string[] {
  const e = error as RegistryError & { cause?: unknown };
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e),
    inspect(e, { showHidden: true, depth: 10 }),
    inspect(e.cause, { showHidden: true, depth: 10 }),
    JSON.stringify(e.cause ?? null),
    e.hint ?? '',
    e.serverMessage ?? '',
  ];
}

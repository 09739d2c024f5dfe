// How `get` is told which record: a bare id or identifier (`get objects inst.edu/bag`), or the
// `id=34` / `identifier=inst.edu/bag` arguments apt-cmd users are used to typing.
import type { CliResource } from './resources.js';
import { UsageError } from './usage-error.js';

type KeyArg = { kind: 'id' | 'identifier'; value: string } | { kind: 'bare'; value: string };

const NAMED = /^(id|identifier)=(.*)$/is;

function parseArg(raw: string): KeyArg {
  const match = NAMED.exec(raw);
  if (!match) return { kind: 'bare', value: raw };
  return { kind: match[1].toLowerCase() as 'id' | 'identifier', value: match[2] };
}

function example(resource: CliResource): string {
  return resource.getKind === 'id-or-identifier'
    ? `e.g. get ${resource.name} id=34, or get ${resource.name} identifier=institution.edu/my_bag (quoted if it has spaces)`
    : `e.g. get ${resource.name} id=34`;
}

/**
 * The id (a number) or identifier (a string) to fetch. A bare string of digits is an id; any other
 * bare text is passed on as it is, so on numeric-only routes the client refuses it by name.
 */
export function recordKeyOf(resource: CliResource, args: readonly string[]): number | string {
  const keys = args.map(parseArg);
  if (keys.length > 1) {
    const kinds = new Set(keys.map((k) => k.kind));
    if (kinds.has('id') && kinds.has('identifier')) {
      throw new UsageError('give id= or identifier=, not both', example(resource));
    }
    throw new UsageError(`get takes one id or identifier, got ${keys.length}: ${args.join(' ')}`, example(resource));
  }
  const key = keys[0];
  if (key.kind === 'bare') return /^\d+$/.test(key.value) ? Number(key.value) : key.value;
  if (key.value.trim() === '') throw new UsageError(`${key.kind}= is empty`, example(resource));
  if (key.kind === 'id') {
    if (!/^\d+$/.test(key.value.trim())) {
      throw new UsageError(
        `id= takes a number, got "${key.value}"`,
        resource.getKind === 'id-or-identifier' ? `for an identifier use identifier=${key.value}` : example(resource),
      );
    }
    return Number(key.value.trim());
  }
  if (resource.getKind !== 'id-or-identifier') {
    throw new UsageError(
      `get ${resource.name} takes an id, not an identifier`,
      `${example(resource)}; only files, objects and events have identifiers`,
    );
  }
  return key.value;
}

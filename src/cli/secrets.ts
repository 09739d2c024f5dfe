// Belt and braces: the client never puts the key in a message, but everything the CLI writes to
// stderr still passes through redact(), so a key echoed back by a proxy, a config file typo or a
// future bug cannot reach a CI log: exactly, URL-encoded or HTML-escaped (the client's own list
// of forms, secretScrubber from the public entry).
import { secretScrubber } from '../index.js';

const secrets = new Set<string>();
let scrub = secretScrubber(secrets);

/** Registers a value that must never be printed (ignores values too short to redact safely). */
export function addSecret(value: string | undefined): void {
  if (value === undefined || secrets.has(value)) return;
  secrets.add(value);
  scrub = secretScrubber(secrets);
}

export function redact(text: string): string {
  return scrub(text);
}

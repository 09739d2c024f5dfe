// Belt and braces: the client never puts the key in a message, but everything the CLI writes to
// stderr still passes through redact(), so a key echoed back by a proxy, a config file typo or a
// future bug cannot reach a CI log.
const secrets = new Set<string>();

/** Registers a value that must never be printed (ignores values too short to redact safely). */
export function addSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

// The debug hook: one event per request and per response, with an allow-list of headers (the
// Azure SDK way). Anything not on the list — the API key above all — is shown as REDACTED.

export type DebugEvent =
  | { type: 'request'; method: string; url: string; attempt: number; headers: Record<string, string> }
  | { type: 'response'; method: string; url: string; attempt: number; status: number; durationMs: number; headers: Record<string, string> }
  | { type: 'retry'; method: string; url: string; attempt: number; delayMs: number; reason: string };

export type DebugListener = (event: DebugEvent) => void;

const ALLOWED_HEADERS = new Set([
  'accept',
  'content-type',
  'content-length',
  'user-agent',
  'date',
  'retry-after',
  'location',
  'cache-control',
  'pragma',
  'cf-ray',
  'x-pharos-api-user',
]);

/** Copies headers for logging: allow-listed values as they are, every other value REDACTED. */
export function redactHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  for (const [name, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    out[lower] = ALLOWED_HEADERS.has(lower) ? String(value) : 'REDACTED';
  }
  return out;
}

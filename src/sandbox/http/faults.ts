import type { FaultKind, FaultRule } from '../types.js';
import { goJSON } from '../gojson.js';
import { redirectResponse, textResponse, type SandboxResponse } from './respond.js';

const KINDS: ReadonlySet<FaultKind> = new Set(['503', '502', '504', '429', 'reset', 'truncate', 'hang', 'redirect', 'html']);

export function validateFaults(rules: readonly FaultRule[]): FaultRule[] {
  return rules.map((r) => {
    if (!KINDS.has(r.kind)) throw new TypeError(`sandbox: unknown fault kind ${JSON.stringify(r.kind)}`);
    if (!Number.isInteger(r.every) || r.every < 1) throw new RangeError(`sandbox: fault "every" must be an integer >= 1, got ${r.every}`);
    if (r.offset !== undefined && (!Number.isInteger(r.offset) || r.offset < 0))
      throw new RangeError(`sandbox: fault "offset" must be an integer >= 0`);
    return { ...r };
  });
}

/** Counts API requests and says which rule, if any, fires for the next one. */
export class FaultSchedule {
  private rules: FaultRule[] = [];
  private n = 0;

  /** Replaces the rules and restarts the count, so a new schedule is relative to "now". */
  set(rules: readonly FaultRule[]): void {
    this.rules = validateFaults(rules);
    this.n = 0;
  }

  next(url: string): FaultRule | null {
    const n = ++this.n;
    for (const r of this.rules) {
      const off = r.offset ?? 0;
      if (n <= off || (n - off) % r.every !== 0) continue;
      if (r.paths) {
        r.paths.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
        if (!r.paths.test(url)) continue;
      }
      return r;
    }
    return null;
  }
}

function nginxPage(status: number, text: string): SandboxResponse {
  const body = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return textResponse(status, body, 'text/html');
}

/**
 * The response for a status-type fault: what a load balancer or proxy in front of the registry
 * sends. 503 is JSON, 502/504/429 are nginx HTML pages; 'html' is a 200 login/captive page.
 */
export function faultResponse(rule: FaultRule, rawUrl: string, origin: string): SandboxResponse {
  const retry: Record<string, string> = rule.retryAfter !== undefined ? { 'Retry-After': rule.retryAfter } : {};
  switch (rule.kind) {
    case '503':
      return {
        status: 503,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...retry },
        body: goJSON({ StatusCode: 503, Error: 'Service Unavailable' }),
      };
    case '502':
      return nginxPage(502, 'Bad Gateway');
    case '504':
      return nginxPage(504, 'Gateway Time-out');
    case '429': {
      const r = nginxPage(429, 'Too Many Requests');
      return { ...r, headers: { ...r.headers, ...retry } };
    }
    case 'redirect':
      return redirectResponse(302, `${origin}${rawUrl}`);
    default:
      return textResponse(
        200,
        '<!DOCTYPE html>\n<html><head><title>APTrust Registry - Sign In</title></head><body><form action="/users/sign_in" method="post"><input name="email"><input name="password" type="password"></form></body></html>\n',
        'text/html; charset=utf-8',
      );
  }
}

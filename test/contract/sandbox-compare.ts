// One recorded exchange against the sandbox's answer to its adapted request: every difference in
// shape, as readable lines. Data values are not compared (the sandbox has its own data), nor what
// volatile.json lists as varying between runs of the real server: the date header, boot-created
// records' timestamps, the order of tied rows, the order of names in "Invalid query params".
import type { Adaptation } from './sandbox-adapt.js';
import type { RawReply } from './sandbox-http.js';
import { pageModel } from './sandbox-links.js';
import { jsonType, NESTED, routeKey, shapeDiffs, type Shape } from './sandbox-schema.js';
import { outOfOrder, sortTerms } from './sandbox-sort.js';
import type { RecordedExchange } from './recordings.js';

export interface Trial {
  ex: RecordedExchange;
  adaptation: Adaptation;
  /** The target sent to the sandbox. */
  target: string;
  reply: RawReply;
  /** [recorded, sandbox] substitutions for error messages. */
  subs: [string, string][];
}

type Json = Record<string, unknown>;

/** Set by the Authenticate middleware on everything after routing (README row 14). */
const DEFAULT_HEADERS = ['cache-control', 'pragma', 'content-security-policy', 'x-content-type-options', 'x-xss-protection'];
/** Size- and transport-dependent, or compared on their own. */
const NOT_COMPARED_BY_NAME = new Set(['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

const decode = (p: string): string => {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
};
const pathOf = (target: string): string => target.split('?')[0];
const queryOf = (target: string): string => (target.includes('?') ? target.slice(target.indexOf('?') + 1) : '');
const substitute = (s: string, subs: readonly [string, string][]): string => subs.reduce((acc, [a, b]) => acc.split(a).join(b), s);
const show = (v: unknown): string => JSON.stringify(v);

function headerDiffs(t: Trial): string[] {
  const rec = t.ex.response.headers;
  const got = t.reply.headers;
  const out: string[] = [];
  for (const name of ['content-type', ...DEFAULT_HEADERS, 'location', 'set-cookie']) {
    const want = rec[name];
    const have = got[name];
    if (show(want) !== show(have)) out.push(`header ${name}: recorded ${show(want)}, sandbox ${show(have)}`);
  }
  const names = (h: object): string[] =>
    Object.keys(h)
      .filter((n) => !NOT_COMPARED_BY_NAME.has(n))
      .sort();
  if (show(names(rec)) !== show(names(got))) out.push(`header names: recorded ${show(names(rec))}, sandbox ${show(names(got))}`);
  if (t.ex.request.method === 'HEAD' && rec['content-length'] !== undefined) {
    // HEAD announces the length of the body GET would send (README row 16); that body names the path.
    const want = Number(rec['content-length']) + Buffer.byteLength(decode(pathOf(t.target))) - Buffer.byteLength(t.ex.request.path);
    if (Number(got['content-length']) !== want) out.push(`HEAD content-length: expected ${want}, sandbox ${show(got['content-length'])}`);
  }
  return out;
}

function messageOf(body: Json): unknown {
  return body.error ?? body.Error;
}

/** Names after "Invalid query params: " come in no fixed order (volatile.json). */
function sameMessage(want: string, have: unknown): boolean {
  const prefix = 'Invalid query params: ';
  if (typeof have !== 'string') return false;
  if (!want.startsWith(prefix) || !have.startsWith(prefix)) return want === have;
  const names = (s: string): string => s.slice(prefix.length).split(', ').sort().join(', ');
  return names(want) === names(have);
}

function errorDiffs(t: Trial, rec: Json, got: Json): string[] {
  const out: string[] = [];
  const keys = (b: Json): string => show(Object.keys(b).sort());
  if (keys(rec) !== keys(got)) out.push(`error body keys: recorded ${keys(rec)}, sandbox ${keys(got)}`);
  for (const k of Object.keys(rec)) {
    if (k in got && jsonType(rec[k]) !== jsonType(got[k])) out.push(`error ${k} is ${jsonType(got[k])}, recorded ${jsonType(rec[k])}`);
  }
  if ('StatusCode' in rec && got.StatusCode !== rec.StatusCode)
    out.push(`StatusCode: recorded ${show(rec.StatusCode)}, sandbox ${show(got.StatusCode)}`);
  const want = substitute(String(messageOf(rec)), t.subs);
  if (!sameMessage(want, messageOf(got))) out.push(`message: expected ${show(want)}, sandbox ${show(messageOf(got))}`);
  return out;
}

function recordDiffs(shapes: Map<string, Shape>, key: string, records: readonly unknown[]): string[] {
  // One line per distinct problem, not one per row.
  return [...new Set(records.flatMap((r) => shapeDiffs(shapes.get(key), key, r)))];
}

function listDiffs(t: Trial, shapes: Map<string, Shape>, key: string, rec: Json, got: Json): string[] {
  const out: string[] = [];
  const envelope = show(Object.keys(got).sort());
  if (envelope !== show(Object.keys(rec).sort())) out.push(`list envelope keys: sandbox ${envelope}`);
  for (const [k, type] of [
    ['count', 'number'],
    ['next', 'string'],
    ['previous', 'string'],
  ] as const) {
    if (jsonType(got[k]) !== type) out.push(`${k} is ${jsonType(got[k])}, recorded ${type}`);
  }
  const results = got.results;
  if (Array.isArray(results) && results.length === 0) out.push('results is [] (the server sends null for no rows)');
  if (results !== null && !Array.isArray(results)) out.push(`results is ${jsonType(results)}`);
  const recordedEmpty = rec.results === null;
  const sandboxEmpty = results === null || (Array.isArray(results) && results.length === 0);
  if (recordedEmpty !== sandboxEmpty && !t.adaptation.emptinessIsData) {
    out.push(
      recordedEmpty
        ? `recorded no rows (results null); sandbox returned ${(results as unknown[]).length}`
        : 'recorded rows; sandbox returned none',
    );
  }
  if (Array.isArray(results)) out.push(...recordDiffs(shapes, key, results));
  const terms = sortTerms(t.ex.request.query, key.split(':')[0]);
  const unsorted = Array.isArray(results) && terms ? outOfOrder(results as Json[], terms) : null;
  if (unsorted) out.push(`sandbox ${unsorted}`);

  // Paging against the sandbox's own count, by the model the recording itself must satisfy.
  const model = pageModel(decode(pathOf(t.target)), queryOf(t.target), Number(got.count));
  const rows = Array.isArray(results) ? results.length : 0;
  if (rows !== model.rows) out.push(`page holds ${rows} rows; for count ${show(got.count)} expected ${model.rows}`);
  if (got.next !== model.next) out.push(`next: expected ${show(model.next)}, sandbox ${show(got.next)}`);
  if (got.previous !== model.previous) out.push(`previous: expected ${show(model.previous)}, sandbox ${show(got.previous)}`);
  return out;
}

/** The paging model must reproduce the recording, or its verdicts on the sandbox mean nothing. */
function modelDiffs(ex: RecordedExchange, rec: Json): string[] {
  const raw = ex.request.raw_target;
  const model = pageModel(ex.request.path, queryOf(raw), Number(rec.count));
  const out: string[] = [];
  if (model.next !== rec.next)
    out.push(`test's paging model gives next ${show(model.next)} for the recording, which has ${show(rec.next)}`);
  if (model.previous !== rec.previous)
    out.push(`test's paging model gives previous ${show(model.previous)}; recorded ${show(rec.previous)}`);
  // Item counts are stale on the real server (README row 4: count 16 for 17 rows), so rows say nothing there.
  const rows = Array.isArray(rec.results) ? rec.results.length : 0;
  if (!ex.request.path.endsWith('/items') && rows !== model.rows)
    out.push(`test's paging model gives ${model.rows} rows; recorded ${rows}`);
  const terms = sortTerms(ex.request.query, ex.request.path.split('/').pop() ?? '');
  const unsorted = Array.isArray(rec.results) && terms ? outOfOrder(rec.results as Json[], terms) : null;
  if (unsorted) out.push(`test's sort check rejects the recording: ${unsorted}`);
  return out;
}

function showDiffs(t: Trial, shapes: Map<string, Shape>, key: string, rec: Json, got: Json): string[] {
  const out = recordDiffs(shapes, key, [got]);
  if (key !== 'files:show') return out;
  for (const rel of NESTED) {
    const v = got[rel];
    if (Array.isArray(v) && v.length === 0) out.push(`${rel} is [] (the server sends null when empty)`);
    if (Array.isArray(v)) out.push(...recordDiffs(shapes, `${key}.${rel}`, v));
    // The adapted file must be in the recorded situation: e.g. by_id_no_checksums has none.
    if ((rec[rel] === null) !== (v === null))
      out.push(`${rel}: recorded ${rec[rel] === null ? 'null' : 'rows'}, sandbox ${show(v)?.slice(0, 40)}`);
  }
  return out;
}

export function differences(t: Trial, shapes: Map<string, Shape>): string[] {
  const out: string[] = [];
  if (t.reply.status !== t.ex.response.status) out.push(`status: recorded ${t.ex.response.status}, sandbox ${t.reply.status}`);
  out.push(...headerDiffs(t));
  const rec = t.ex.response.body as Json;
  if ('_text' in rec) {
    const want = substitute(String(rec._text), t.subs);
    if (t.reply.text !== want) out.push(`body: expected ${show(want)}, sandbox ${show(t.reply.text.slice(0, 200))}`);
    return out;
  }
  let got: unknown;
  try {
    got = JSON.parse(t.reply.text);
  } catch {
    return [...out, `body is not JSON: ${show(t.reply.text.slice(0, 200))}`];
  }
  if (jsonType(got) !== 'object') return [...out, `body is ${jsonType(got)}, recorded an object`];
  // encoding/json writes <, > and & inside strings as \u003c, \u003e, \u0026 (README: the raw next link).
  if (/[<>&]/.test(t.reply.text)) out.push('body has a literal <, > or & (Go escapes them as \\u003c, \\u003e, \\u0026)');
  const key = routeKey(decode(pathOf(t.target)));
  if ('results' in rec) {
    out.push(...modelDiffs(t.ex, rec));
    if (key) out.push(...listDiffs(t, shapes, key, rec, got as Json));
  } else if (t.ex.response.status === 200 && key) {
    out.push(...showDiffs(t, shapes, key, rec, got as Json));
  } else {
    out.push(...errorDiffs(t, rec, got as Json));
  }
  return out;
}

// Every exchange recorded from the real Registry, replayed against the sandbox over real HTTP:
// the sandbox must answer in the same shape (status, headers, error bodies, envelopes, record
// fields and types, links, paging). It was written from a reading of the server's source and
// shares that reading's blind spots; the recordings are what the server actually does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'node:http';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { haveRecordings, recordings } from './recordings.js';
import { ADAPT } from './sandbox-adapt.js';
import { differences } from './sandbox-compare.js';
import { Fixtures } from './sandbox-fixtures.js';
import { keepAliveAgent, send } from './sandbox-http.js';
import { messageSubs, sandboxRequest } from './sandbox-request.js';
import { recordedShapes } from './sandbox-schema.js';

describe.skipIf(!haveRecordings('sandbox shape vs real-server recordings'))('sandbox shape vs real-server recordings', () => {
  let sb: Sandbox;
  let agent: Agent;
  beforeAll(async () => {
    // Small enough that per_page=0 ("every row") stays a small page.
    sb = await startSandbox({ files: 300 });
    agent = keepAliveAgent();
  });
  afterAll(async () => {
    agent?.destroy();
    await sb?.stop();
  });

  it('answers every recorded request in the recorded shape', async () => {
    const { exchanges } = recordings!;
    const shapes = recordedShapes(exchanges);
    const fx = new Fixtures(sb);
    const report: string[] = [];
    for (const ex of exchanges) {
      let lines: string[];
      try {
        const adaptation = ADAPT[ex.id]?.(fx) ?? {};
        const req = sandboxRequest(ex, adaptation, fx.cast);
        const reply = await send(sb.host, sb.port, agent, req);
        lines = differences({ ex, adaptation, target: req.target, reply, subs: messageSubs(ex, adaptation, req.target) }, shapes);
      } catch (err) {
        lines = [`could not replay: ${err instanceof Error ? err.message : String(err)}`];
      }
      report.push(...lines.map((l) => `${ex.id}: ${l}`));
    }
    expect(exchanges.length).toBeGreaterThan(500);
    expect(report, `${report.length} differences from the recordings:\n${report.join('\n')}`).toEqual([]);
  });
});

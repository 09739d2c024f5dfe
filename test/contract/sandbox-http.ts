// Real HTTP to the sandbox with the request target sent byte for byte, one keep-alive connection,
// one request at a time — as the recordings were made.
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { SandboxRequest } from './sandbox-request.js';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

export function send(host: string, port: number, agent: Agent, r: SandboxRequest): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, agent, method: r.method, path: r.target, headers: r.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

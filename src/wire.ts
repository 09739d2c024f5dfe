// The wire layer: config → transport (axios) → the generated API classes. Loaded on the first
// request (src/client.ts), because axios and the generated layer are most of the import time.
import type { ResolvedConfig } from './config.js';
import { createWireApis } from './internal/generated.js';
import type { Wire } from './resources/define.js';
import { pageReader, recordReader } from './resources/read-path.js';
import { createBytePool } from './transport/page-bytes.js';
import { createTransport } from './transport/transport.js';

/** The transport, the generated operations and the read path, all of which need axios. */
export async function connect(config: ResolvedConfig): Promise<Wire> {
  const transport = createTransport(config);
  const apis = await createWireApis(transport.axios, { user: config.user, apiKey: config.apiKey() });
  return { transport, apis, pageReader, recordReader, createBytePool };
}

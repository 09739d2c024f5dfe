// Starts the sandbox registry in its own process (so its CPU is not the client's) and reads the
// three APTRUST_REGISTRY_* lines it prints.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function startSandboxProcess(args) {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/sandbox/main.js'), '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const env = Object.fromEntries(
        out
          .split('\n')
          .filter((l) => l.startsWith('APTRUST_REGISTRY_'))
          .map((l) => l.split(/=(.*)/s).slice(0, 2)),
      );
      if (env.APTRUST_REGISTRY_URL && env.APTRUST_REGISTRY_EMAIL && env.APTRUST_REGISTRY_API_KEY) {
        child.removeAllListeners('exit');
        resolve({
          url: env.APTRUST_REGISTRY_URL,
          email: env.APTRUST_REGISTRY_EMAIL,
          apiKey: env.APTRUST_REGISTRY_API_KEY,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

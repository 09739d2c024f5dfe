// Runs the built CLI in a child process and SIGKILLs it once `progress()` (the bytes of a partial
// file, the rows of a database…) reaches `killAt`: kill points follow how far the child got, never
// time, so a slow machine only makes the runs longer. Resolves to 'killed' or, when the run
// completed first (exit 0), to its stderr; any other exit rejects with that stderr.
import { spawn } from 'node:child_process';
import { childEnv, MAIN } from '../cli/helpers.js';

export function runAndKill(
  args: readonly string[],
  env: Record<string, string>,
  progress: () => Promise<number>,
  killAt: number,
): Promise<'killed' | string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let killed = false;
    const watch = setInterval(() => {
      void progress().then((n) => {
        if (!killed && n >= killAt) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
    }, 1);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve(stderr);
      else reject(new Error(`exit ${code}: ${stderr}`));
    });
  });
}

// A progress bar on stderr for --all crawls and reports, only for a person at a terminal (see
// progressEnabled). The total comes from the Registry's count, which can be stale (errata §2.3),
// so it grows when the crawl passes it.
import type { CliIO } from './io.js';

export interface Progress {
  increment(): void;
  addTotal(count: number): void;
  stop(): void;
}

const NONE: Progress = { increment() {}, addTotal() {}, stop() {} };

export async function startProgress(io: CliIO, enabled: boolean, label: string): Promise<Progress> {
  if (!enabled) return NONE;
  // Loaded only when a bar is drawn (a person at a terminal), never in pipes and CI.
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `${label} {bar} {value}/{total} records | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let value = 0;
  let total = 0;
  bar.start(0, 0);
  return {
    increment() {
      value += 1;
      if (value > total) {
        total = value;
        bar.setTotal(total);
      }
      bar.update(value);
    },
    addTotal(count) {
      total = Math.max(value, total + count);
      bar.setTotal(total);
    },
    stop() {
      bar.stop();
    },
  };
}

// This process's peak RSS in MB. On Linux, VmHWM from /proc/self/status: getrusage's ru_maxrss
// survives exec, so a child started by a large parent would report the parent's size as its own.
import { readFileSync } from 'node:fs';

export function peakRssMb() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

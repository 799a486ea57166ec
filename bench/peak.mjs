// Peak resident set size of this process, in bytes.
import { readFileSync } from 'node:fs';

/**
 * On Linux, VmHWM from /proc/self/status: the high-water mark of this program's own memory.
 * getrusage's maxRSS is not used there because a child inherits its parent's high-water mark
 * through fork (a benchmark process holding a large mock would inflate every child's figure).
 * Elsewhere maxRSS is the best there is, and children are then best started from a small parent.
 */
export function peakRssBytes() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}

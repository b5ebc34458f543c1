/** The Node server's hold on its memory (see ServerPlatform.releaseMemory). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, or undefined where V8 offers none. Node exposes `gc` only to a
 * context made after --expose-gc is set; the flag set now exposes it to a new context, whose `gc`
 * collects the whole heap as the process's own would.
 */
export function fullGarbageCollection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

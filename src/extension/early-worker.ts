/**
 * The browser entry's first import, so that the server's worker starts before the extension's
 * other modules (the language client's among them) are set up: see startEarly.
 */
import { type EarlyWorker, startEarly } from './server-worker';

export const early: EarlyWorker | undefined = startEarly();

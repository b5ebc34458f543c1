/** The source articles live outside the repository: ../shared/sources beside the checkout, or $DEALCHECK_SOURCES. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function findSourcesFolder(): string | undefined {
  const candidates = [process.env.DEALCHECK_SOURCES, join(resolve(__dirname, '../..'), '../shared/sources')].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

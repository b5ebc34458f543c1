/**
 * What a block's check reads of the paragraph before it (the context `lendContext` lends a
 * unit), as a cache key. A unit reads of that text only who its last sentence naming anyone names
 * (`lastNaming`: "Of that, $7 billion is paid upfront" after a paragraph about Amazon and
 * Anthropic), and a table's cells also the money scale a caption gives (`captionUnit`: "Sizes in $
 * billions.") and the rate a price table's caption names (`moneyRate`: "Cost per million
 * tokens:"), and the framing qualifiers it says (`framesSaid`: "AI revenue"), the words of the
 * question it ends with (`questionWords`: "Over what period is that AWS spend?"), and the measure
 * its last sentence with a figure says (`previousMeasure`: "AWS leads the cloud market with a 33% share."). Two paragraphs
 * with the same key give a block after them the same result: typing
 * into a paragraph that changes none of these does not check the block after it again.
 * test/unit/architecture.test.ts keeps the engine reading nothing else of a unit's context.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { captionUnit, moneyRate, unitReaderFor } from '../figures/units';
import { lastNaming } from './discourse';
import { framesSaid } from './frames';
import { previousMeasure } from './previous-measure';
import { questionWords } from './question';

/** Separate the names of a key, and its six parts; no entity id, unit, scale or keyword holds either. */
const NAME = '\u0002';
const PART = '\u0003';

/** The key of what a block's check reads of `previous`, the paragraph before it. */
export function contextKey(previous: string, kb: KnowledgeBase): string {
  const named = lastNaming(previous, kb).map((m) => m.entity);
  const caption = captionUnit(previous);
  const rate = moneyRate(previous, unitReaderFor(kb).rates);
  const measure = previousMeasure(previous, kb);
  return [
    named.join(NAME),
    caption ? JSON.stringify(caption) : '',
    rate?.unit ?? '',
    framesSaid(previous, kb).join(NAME),
    questionWords(previous, kb).join(NAME),
    [...measure.types, ...measure.words].join(NAME),
  ].join(PART);
}

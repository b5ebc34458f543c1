/**
 * Features about who the figure is about: the fact's subject and object named near it, and other
 * parties named near it that argue for another fact.
 */
import { isParty } from '../../context/discourse';
import { entityWeight, sentenceSubject } from '../evidence';
import { EVIDENCE, GATES } from '../model';
import { writerSpeaks } from '../../context/discourse';
import type { Candidate } from './candidate';

/** How plainly the fact's subject is named for the figure (0 to 1). */
export function subjectWeight(c: Candidate): number {
  return entityWeight(c.kb, c.ev, c.fact.fact.subject, c.figure);
}

/** How plainly the fact's object is named for the figure; undefined for a fact without one. */
export function objectWeight(c: Candidate): number | undefined {
  return c.fact.fact.object ? entityWeight(c.kb, c.ev, c.fact.fact.object, c.figure) : undefined;
}

export interface Rivals {
  /** Sum of the weights of other parties named plainly for the figure. */
  others: number;
  /** A party of the kind the fact leaves unnamed sits close to the figure: the figure may be its. */
  rival: boolean;
}

/** Entities named in the unit or its headers, each once, that are neither the fact's parties nor their product lines. */
function otherEntities(c: Candidate): string[] {
  const { fact } = c.fact;
  const families = [c.kb.entities.get(fact.subject)!.family, fact.object ? c.kb.entities.get(fact.object)!.family : undefined];
  const seen = new Set<string>();
  for (const m of [...c.ev.mentions.map((m) => m.entity), ...(c.ev.header?.mentions.keys() ?? [])]) {
    if (m === fact.subject || m === fact.object || families.includes(m)) continue;
    seen.add(m);
  }
  return [...seen].filter((m) => isParty(c.kb, m));
}

/** Whether the fact's own words name the entity ("OpenAI" in the gap between the OpenAI and Anthropic deals): then it is no rival. */
function namedByOwnWords(c: Candidate, entity: string): boolean {
  const e = c.kb.entities.get(entity)!;
  return [e.name, ...e.aliases].some((a) => c.fact.ownKeywords.has(a.toLowerCase()));
}

/** Other named things near the figure, which argue for another fact. */
export function rivalParties(c: Candidate, subj: number, obj: number | undefined): Rivals {
  const { fact } = c.fact;
  const missingRoleKinds = new Set<string>();
  if (subj < GATES.said) missingRoleKinds.add(c.kb.entities.get(fact.subject)!.kind);
  if (fact.object && obj! < GATES.said) missingRoleKinds.add(c.kb.entities.get(fact.object)!.kind);
  let others = 0;
  let rival = false;
  for (const m of otherEntities(c)) {
    if (namedByOwnWords(c, m)) continue;
    const w = entityWeight(c.kb, c.ev, m, c.figure);
    if (w >= GATES.plain) others += w;
    if (w > EVIDENCE.otherRole && missingRoleKinds.has(c.kb.entities.get(m)!.kind)) rival = true;
  }
  return { others, rival };
}

/**
 * A sentence about a person does not lend its figure to a fact about others that it names only
 * in passing ("Garman joined Amazon in 2005, so he had spent 19 years at the company before"),
 * nor does a sentence in which the writer speaks of themselves.
 */
export function spokenOfElsewhere(c: Candidate, subj: number, obj: number | undefined): boolean {
  const { fact } = c.fact;
  const subject = sentenceSubject(c.kb, c.ev, c.figure);
  const aboutSomeoneElse =
    (subject && c.kb.entities.get(subject.entity)!.kind === 'person' && subject.entity !== fact.subject && subject.entity !== fact.object) ||
    writerSpeaks(c.ev, c.figure);
  return aboutSomeoneElse && Math.max(subj, obj ?? 0) < GATES.plain;
}

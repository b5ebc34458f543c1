/**
 * Proper names of organisations and people in a sentence, a heading, a list item or a table cell,
 * found by capitalisation: the parties a figure's sentence names, including ones no knowledge
 * base knows (SoftBank, Thrive Capital, Scale AI, Sam Altman...).
 *
 * A name is a run of capitalised words (OpenAI, xAI, Character.AI and AWS count as capitalised),
 * with '&', 'of' and the like allowed inside ("Bank of America"). Then:
 * - a common English word capitalised only because it opens a sentence, a cell or a title-case
 *   heading is not a name ("Analysts expect...", "The Dual Bet, Explained"), unless an
 *   organisation word or an uncommon word follows it ("Scale AI", "Thinking Machines Lab");
 * - a leading "The" is dropped and the word after it read as mid-sentence ("The Fed held...");
 * - months, weekdays, places, abbreviations such as CEO, GPU or Q3, well-known products, and a
 *   product's name before a model number ("Trainium 2", "Llama 70B", "GPT-4o", "H100") are not
 *   names, but a maker before its product is ("AWS Inferentia 2" gives AWS);
 * - a possessive ends a name and is not part of it ("Meta's Scale AI deal": Meta, Scale AI);
 * - hyphens: "Paris-based" gives Paris (then dropped as a place), "Microsoft-OpenAI" gives both.
 *
 * The kind is 'person' after a role ("chief executive Jensen Huang") or from a given name ("Sam
 * Altman", and a surname the same text gave in full), 'org' from an organisation word, an
 * acronym or an inner capital ("Thrive Capital", "TSMC", "CoreWeave"), and 'unknown' otherwise.
 *
 * The word lists are data, in names.json beside this file. Pure: no I/O, no Node built-ins.
 */
import lexicon from './names.json';

export type NameKind = 'org' | 'person' | 'unknown';

export interface FoundName {
  /** Offsets in UTF-16 code units into the text given. */
  start: number;
  end: number;
  text: string;
  kind: NameKind;
}

function set(words: readonly string[] | string, lower = false): Set<string> {
  const list = typeof words === 'string' ? words.split(' ') : words;
  return new Set(lower ? list.map((w) => w.toLowerCase()) : list);
}

const COMMON = set(lexicon.commonWords.words);
const DOMAIN = set(lexicon.domainWords.words, true);
const DATES = set([...lexicon.months.words, ...lexicon.weekdays.words]);
const ACRONYMS = set(lexicon.nonNameAcronyms.words);
const PLACES = set(lexicon.places.words);
const PRODUCTS = set(lexicon.products.words, true);
const ORG_WORDS = set(lexicon.orgWords.words);
const TITLES = set(lexicon.personTitles.words, true);
const GIVEN = set(lexicon.givenNames.words);
const JOINERS = set(lexicon.nameJoiners.words);
const DETERMINERS = set(lexicon.determiners.words);
const AI_MARKET = set(lexicon.aiMarketWords.words, true);
const LONGEST_PLACE = Math.max(...lexicon.places.words.map((p) => p.split(' ').length));

interface Token {
  start: number;
  end: number;
  text: string;
  /** The text between the previous token and this one. */
  gap: string;
  /** It ended in 's or a bare apostrophe, which is not part of the token. */
  possessive: boolean;
  /** A hyphenated word cut to its capitalised head ("Paris-based"): no name goes on past it. */
  tail?: boolean;
  /** Its place in the token list. */
  index: number;
}

/*
 * Tokens are words, numbers and '&' (TOKEN below, as tokenize scans for it). A word may hold
 * . ' ’ - & between letters or digits ("Character.AI", "Lip-Bu", "AT&T"), and keeps a final '.'
 * when it is an initial or a short abbreviation ("C.C.", "U.S.", "T.", "Inc.").
 *   TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}]|[.'’\-&](?=[\p{L}\p{N}]))*|&/gu
 *
 * Every pattern of this file is a constant: a regular expression literal inside a function is a
 * new RegExp object each time it is evaluated, and these run for every word of a paragraph at
 * every keystroke (about 30 KB of a keystroke's garbage).
 */
const KEEPS_DOT = /^(?:\p{Lu}|(?:\p{L}\.)+\p{L}|Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Mr|Mrs|Ms|Dr)$/u;
/** Initials: "C.", "C.C.". */
const INITIAL = /^(?:\p{Lu}\.)+$/u;
/** Punctuation that starts a new sentence or segment: the capital after it may be the position's. */
const SEGMENT_BREAK = /[.!?:;|•·—–()[\]{}"“”‘*#>/…]|^\s*[-+]\s|\n/;

/** The first code point past ASCII: below it, whether a character is a letter or digit is a comparison. */
const FIRST_NON_ASCII = 0x80;
const AMPERSAND = 0x26;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const LOWERCASE_LETTER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const STARTS_CAPITAL = /^\p{Lu}/u;
const STARTS_DIGIT = /^\p{N}/u;
/** A capital after lower-case letters or digits: "CoreWeave", "xAI", "iPhone". */
const INNER_CAPITAL = /^\p{L}[\p{Ll}\p{N}]*\p{Lu}/u;
const ACRONYM = /^\p{Lu}[\p{Lu}&.]*\p{Lu}\.?$/u;
const YEAR = /^(?:19|20)\d\d$/;
/** A word of four letters or more (title-case headings are read by these). */
const LONG_WORD = /^\p{L}{4,}/u;
/** White space only (or nothing): a gap that keeps a name going. */
const BLANK = /^\s*$/;
/** Some white space and nothing else. */
const SPACES = /^\s+$/;
/** A percent sign or a multiplication sign after a number: "70%", "4x" are no model numbers. */
const RATE_MARK_AFTER = /^\s*[%x×]/;
/** A capital after a dot inside a word: "Character.AI". */
const DOTTED_CAPITAL = /\.\p{Lu}/u;
/** What follows an apostrophe ("Didn't" → "didn"), cut off before a word is looked up. */
const APOSTROPHE_ON = /['’].*$/;
const NEGATION = /n['’]t$/i;
const FINAL_N = /n$/;
/** A doubled consonant before -ing or -ed: "planned", "running". */
const DOUBLED_BEFORE_ENDING = /(.)\1(?:ing|ed)$/;
const LAST_AND_ENDING = /.(?:ing|ed)$/;
const LAST_CHARACTER = /.$/;
const FINAL_DOT = /\.$/;
/** A single capital letter: "A", "X". */
const LONE_CAPITAL = /^\p{Lu}$/u;
/** "I", "I'm", "I've". */
const FIRST_PERSON = /^I['’]/;
/** Periods and series: "Q3", "H1", "FY2025", "Series". */
const PERIOD_WORD = /^(?:Q[1-4]|H[12]|FY\d*|CY\d*|Series)$/i;

/** A word ending where a text ends, as TOKEN reads it (see keepsDot). */
const LAST_WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}]|[.'’\-&](?=[\p{L}\p{N}]))*$/u;
/** How far back keepsDot looks for the word before a full stop: longer than any word KEEPS_DOT keeps but initials. */
const KEEPS_DOT_REACH = 32;

/**
 * Whether the full stop at `dot` is part of the word before it ("C.", "U.S.", "Inc."): a name goes
 * on past it ("S. Park", "U.S. Steel"), as it goes on past a space.
 */
export function keepsDot(text: string, dot: number): boolean {
  const word = LAST_WORD.exec(text.slice(Math.max(0, dot - KEEPS_DOT_REACH), dot));
  return !!word && KEEPS_DOT.test(word[0]);
}

/** A letter or a digit (TOKEN's [\p{L}\p{N}]), by code point: ASCII by comparison, the rest by pattern. */
function isLetterOrDigit(cp: number): boolean {
  if (cp < FIRST_NON_ASCII) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** A mark a word may hold between letters or digits (TOKEN's [.'’\-&]): "Character.AI", "Lip-Bu", "AT&T". */
function isInnerMark(c: number): boolean {
  return c === 0x2e || c === 0x27 || c === 0x2019 || c === 0x2d || c === AMPERSAND;
}

/** Where TOKEN's word starting at `start` (a letter or digit) ends. */
function wordEnd(text: string, start: number): number {
  let end = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
  for (;;) {
    const cp = text.codePointAt(end);
    if (cp === undefined) return end;
    if (isLetterOrDigit(cp)) end += cp > 0xffff ? 2 : 1;
    else if (isInnerMark(cp) && isLetterOrDigit(text.codePointAt(end + 1) ?? 0)) end++;
    else return end;
  }
}

/** Whether `word` ends in 's or ’s (and is more than that). */
function endsPossessive(word: string): boolean {
  const n = word.length;
  return n > 2 && word.charCodeAt(n - 1) === 0x73 && (word[n - 2] === "'" || word[n - 2] === '’');
}

/**
 * The tokens of `text`: TOKEN's matches, found by a scan of the code points rather than the
 * pattern's matches, which made a match array per word on every keystroke's reading of its
 * paragraph.
 */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const matchEnd = isLetterOrDigit(cp) ? wordEnd(text, i) : cp === AMPERSAND ? i + 1 : -1;
    if (matchEnd < 0) {
      i++;
      continue;
    }
    const start = i;
    let word = text.slice(start, matchEnd);
    let end = matchEnd;
    if (text[end] === '.' && KEEPS_DOT.test(word)) {
      word += '.';
      end++;
    }
    let possessive = false;
    if (endsPossessive(word)) {
      word = word.slice(0, -2);
      possessive = true;
    } else if ((text[end] === "'" || text[end] === '’') && word.endsWith('s') && !LETTER.test(text[end + 1] ?? '')) {
      possessive = true; // "investors'" or "Amazon Web Services'"
    }
    out.push({ start, end: start + word.length, text: word, gap: text.slice(last, start), possessive, index: 0 });
    last = end;
    i = matchEnd;
  }
  return out;
}

/** Splits "Microsoft-OpenAI" into its parties and cuts "Paris-based" to "Paris"; keeps "Lip-Bu", "Coca-Cola". */
function splitHyphens(tokens: Token[]): Token[] {
  // Most texts hold no hyphenated word: their tokens are the list, numbered.
  if (!tokens.some((t) => t.text.includes('-'))) {
    for (let i = 0; i < tokens.length; i++) tokens[i].index = i;
    return tokens;
  }
  const out: Token[] = [];
  for (const t of tokens) {
    const parts = t.text.split('-');
    if (parts.length === 1 || !isCapitalised(parts[0]) || hasDigit(t.text)) {
      out.push(t);
      continue;
    }
    const lowerTail = parts.findIndex((p, i) => i > 0 && !isCapitalised(p));
    if (lowerTail > 0) {
      // "Paris-based", "Nvidia-backed": the name is the capitalised head; the rest ends the name.
      const head = parts.slice(0, lowerTail).join('-');
      out.push({ ...t, end: t.start + head.length, text: head, possessive: false, tail: true });
      continue;
    }
    if (parts.some((p) => isAcronym(p) || hasInnerCapital(p))) {
      let pos = t.start;
      parts.forEach((p, i) => {
        out.push({ start: pos, end: pos + p.length, text: p, gap: i === 0 ? t.gap : '-', possessive: i === parts.length - 1 && t.possessive, index: 0 });
        pos += p.length + 1;
      });
      continue;
    }
    out.push(t);
  }
  out.forEach((t, i) => (t.index = i));
  return out;
}

function isCapitalised(w: string): boolean {
  return STARTS_CAPITAL.test(w) || hasInnerCapital(w);
}
function hasInnerCapital(w: string): boolean {
  return INNER_CAPITAL.test(w) && LOWERCASE_LETTER.test(w);
}
function isAcronym(w: string): boolean {
  return ACRONYM.test(w);
}
function hasDigit(w: string): boolean {
  return DIGIT.test(w);
}
function isNumber(w: string): boolean {
  return STARTS_DIGIT.test(w);
}
function isYear(w: string): boolean {
  return YEAR.test(w);
}

/** A common English word, by the word list and its regular inflections ("Analysts", "Credits", "Didn't"). */
export function isCommonWord(word: string): boolean {
  let w = word.toLowerCase().replace(APOSTROPHE_ON, '');
  if (NEGATION.test(word)) w = w.replace(FINAL_N, '');
  if (COMMON.has(w) || DOMAIN.has(w)) return true;
  const stems: string[] = [];
  if (w.endsWith('ies')) stems.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) stems.push(w.slice(0, -2));
  if (w.endsWith('s')) stems.push(w.slice(0, -1));
  if (w.endsWith('ied')) stems.push(w.slice(0, -3) + 'y');
  if (w.endsWith('ed')) stems.push(w.slice(0, -2), w.slice(0, -1));
  if (w.endsWith('ing')) stems.push(w.slice(0, -3), w.slice(0, -3) + 'e');
  if (DOUBLED_BEFORE_ENDING.test(w)) stems.push(w.replace(LAST_AND_ENDING, '').replace(LAST_CHARACTER, ''));
  if (w.endsWith('ly')) stems.push(w.slice(0, -2));
  return stems.some((s) => COMMON.has(s) || DOMAIN.has(s));
}

/**
 * The text is a title-case heading or label ("The Dual Bet, Explained", "Garman and the Timing"):
 * two or more longer words, all capitalised, one of them a common word.
 */
function isTitleCase(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => LONG_WORD.test(t.text));
  if (words.some((t) => !isCapitalised(t.text))) return false;
  return words.length >= 2 && words.some((t) => isCommonWord(t.text));
}

function isOrgWord(t: Token): boolean {
  return ORG_WORDS.has(t.text);
}

/** Tests for a word that is never part of a name, wherever it stands. */
const NEVER_NAME: ((w: string) => boolean)[] = [
  (w) => isNumber(w),
  (w) => DATES.has(w.replace(FINAL_DOT, '')), // "March", "Sept.", "Thursday"
  (w) => ACRONYMS.has(w) && w !== 'AI', // "CEO", "GPU", "US"; "AI" may end a name ("Scale AI")
  (w) => PRODUCTS.has(w.toLowerCase()),
  (w) => TITLES.has(w.toLowerCase()),
  (w) => LONE_CAPITAL.test(w) || FIRST_PERSON.test(w), // "A", "I", "I'm", "X" alone
  (w) => isAcronym(w) && w.length >= 4 && isCommonWord(w), // "MEMO", "NOTE"
  (w) => PERIOD_WORD.test(w),
];

function isNeverName(t: Token): boolean {
  return t.text !== '&' && NEVER_NAME.some((test) => test(t.text));
}

interface Run {
  tokens: Token[];
  /** Its first word's capital may be its position's: the start of a sentence, a cell or a title-case heading. */
  initial: boolean;
  /** It stands in a title-case heading, where every word's capital may be the style's. */
  title: boolean;
}

/**
 * Whether a joiner ("of", "&", "and") continues the run: only inside a name, so a capitalised word
 * must follow it, and "of" follows one common word ("Bank of America", "Department of Energy";
 * "Sam Altman of OpenAI" is two names).
 */
function joinerContinues(tokens: readonly Token[], i: number, head: readonly Token[]): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  const ofOk = t.text !== 'of' || (head.length === 1 && (isCommonWord(head[0].text) || isOrgWord(head[0])));
  return !!next && BLANK.test(next.gap) && isCapitalised(next.text) && ofOk;
}

/** Whether token `i` goes on with the current run: a capitalised word or a joiner, with only spaces before it. */
function continuesRun(tokens: readonly Token[], i: number, current: Run | undefined): boolean | 'stop' {
  const t = tokens[i];
  const prev = tokens[i - 1];
  const capital = isCapitalised(t.text) || t.text === '&';
  if (!current || !BLANK.test(t.gap) || prev.possessive || prev.tail || !(capital || JOINERS.has(t.text))) return false;
  return !JOINERS.has(t.text) || joinerContinues(tokens, i, current.tokens) ? true : 'stop';
}

/**
 * A determiner opening a name's position ("The Fed held…") is dropped, and so is one standing
 * alone wherever it is ("51:00 The competition.": a label before it hides the sentence's start).
 */
function isDroppedDeterminer(tokens: Token[], i: number, opening: boolean): boolean {
  const t = tokens[i];
  if (!DETERMINERS.has(t.text) || t.possessive) return false;
  return opening || !isCapitalised(tokens[i + 1]?.text ?? '');
}

/** Capitalised runs: capitalised words with only spaces between them, and joiners inside. */
function runs(tokens: Token[], titleCase: boolean): Run[] {
  const out: Run[] = [];
  let current: Run | undefined;
  let afterDeterminer = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const continues = continuesRun(tokens, i, current);
    if (continues === true) {
      current!.tokens.push(t);
      continue;
    }
    current = undefined;
    if (continues === 'stop') continue;
    const segmentStart = i === 0 || SEGMENT_BREAK.test(t.gap);
    if (!isCapitalised(t.text)) {
      afterDeterminer = false;
      continue;
    }
    if (isDroppedDeterminer(tokens, i, segmentStart || titleCase)) {
      afterDeterminer = true; // "The Fed held...": the word after "The" is read as mid-sentence
      continue;
    }
    current = { tokens: [t], initial: titleCase || (segmentStart && !(afterDeterminer && BLANK.test(t.gap))), title: titleCase };
    afterDeterminer = false;
    out.push(current);
  }
  return out;
}

/** Splits a run where a word is never part of a name, and drops product names before model numbers. */
function cleanRun(run: Run, tokens: Token[]): Run[] {
  const out: Run[] = [];
  let piece: Token[] = [];
  let initial = run.initial;
  const flush = () => {
    while (piece.length && JOINERS.has(piece[piece.length - 1].text)) piece.pop();
    while (piece.length && JOINERS.has(piece[0].text)) piece.shift();
    if (piece.length) out.push({ tokens: piece, initial, title: run.title });
    piece = [];
    initial = false;
  };
  for (const t of run.tokens) {
    if (isNeverName(t)) {
      flush();
      continue;
    }
    piece.push(t);
  }
  flush();
  // A product and its model ("H100 SXM", "GPT-4o", "Trainium 2", "Claude 3.5"): the maker before
  // it stays ("Nvidia H100" gives Nvidia, "AWS Inferentia 2" gives AWS).
  const digit = run.tokens.findIndex((t) => hasDigit(t.text));
  const last = run.tokens[run.tokens.length - 1];
  const after = tokens[last.index + 1];
  const numberAfter = after && SPACES.test(after.gap) && isNumber(after.text) && !isYear(after.text) && !RATE_MARK_AFTER.test(afterText(after, tokens));
  const cut = digit >= 0 ? digit : numberAfter ? run.tokens.length - 1 : -1;
  if (cut >= 0) {
    const product = new Set(run.tokens.slice(cut));
    for (const r of out) r.tokens = r.tokens.filter((t) => !product.has(t));
    return out.filter((r) => r.tokens.length && !r.tokens.every((t) => t.text === '&'));
  }
  return out.filter((r) => !r.tokens.every((t) => t.text === '&'));
}

function afterText(t: Token, tokens: Token[]): string {
  const next = tokens[t.index + 1];
  return next ? next.gap : '';
}

/** An adjective's ending: "Generative AI", "Agentic AI", "Physical AI" name no company. */
const ADJECTIVE = /(?:ive|ic|al|ous|ent|ant|ful|less|able|ible|ary)$/;

/**
 * "Analysts expect..." is no name; "Scale AI raised...", "Thinking Machines Lab" and "Oracle" are:
 * common words before the first sign of a name stay when an organisation word follows (in a
 * title-case heading, only organisation words: "How Thrive Capital Won" is Thrive Capital).
 */
function dropPositionalCapitals(run: Run, tokens: readonly Token[]): Token[] | undefined {
  const t = run.tokens;
  const evidence = (x: Token, i: number) =>
    !JOINERS.has(x.text) && (i > 0 || x.text !== 'AI') && (!isCommonWord(x.text) || isOrgWord(x) || hasInnerCapital(x.text) || isAcronym(x.text));
  const first = t.findIndex(evidence);
  if (first <= 0) return first < 0 ? undefined : t;
  const head = t.slice(0, first);
  const rest = t.slice(first);
  const onlyAI = rest.length === 1 && rest[0].text === 'AI';
  const next = tokens[t[t.length - 1].index + 1];
  const marketWord = next && SPACES.test(next.gap) && AI_MARKET.has(next.text.toLowerCase());
  const organisation = (run.title ? rest.every(isOrgWord) : rest.some(isOrgWord)) && !(onlyAI && (marketWord || ADJECTIVE.test(head[head.length - 1].text)));
  // "AI Foundry" is one name; "Internal AWS" is AWS
  let kept = !organisation && !head.every((x) => x.text === 'AI') ? rest : t;
  while (kept.length && JOINERS.has(kept[0].text)) kept = kept.slice(1);
  return kept;
}

/** Places: "San Francisco", "Paris", "US" are no parties (but "Abu Dhabi Investment Authority" is an organisation). */
function dropPlace(t: Token[]): Token[] | undefined {
  for (let n = Math.min(LONGEST_PLACE, t.length); n >= 1; n--) {
    if (!PLACES.has(t.slice(0, n).map((x) => x.text).join(' '))) continue;
    const rest = t.slice(n);
    const restIsName = rest.length > 0 && !(rest.length === 1 && rest[0].text === 'AI');
    if (restIsName && rest.some(isOrgWord)) return t;
    return restIsName ? rest : undefined;
  }
  return t;
}

/** Drops what only looks like a name: a common word capitalised by position, a lone "AI", a place. */
function keepRun(run: Run, tokens: Token[]): Token[] | undefined {
  let t = run.initial ? dropPositionalCapitals(run, tokens) : run.tokens;
  if (!t) return undefined;
  if (run.title) {
    // "Why Nvidia Keeps Writing Cheques": the name ends at the first common word ("Thrive Capital" stays whole)
    const end = t.findIndex((x, i) => i > 0 && isCommonWord(x.text) && !isOrgWord(x) && !hasInnerCapital(x.text) && !isAcronym(x.text));
    if (end > 0) t = t.slice(0, end);
  }
  // a lone "AI" is no name ("Scale AI" is), nor a lone initial ("Series C.")
  if (t.every((x) => x.text === 'AI' || INITIAL.test(x.text))) return undefined;
  return dropPlace(t);
}

function kindOf(t: Token[], role: boolean, persons: Set<string>): NameKind {
  const words = t.map((x) => x.text);
  if (words.length >= 2 && words.length <= 4 && INITIAL.test(words[0]) && !INITIAL.test(words[words.length - 1])) return 'person'; // "C.C. Wei"
  if (words.some((w) => ORG_WORDS.has(w)) || words.some((w) => isAcronym(w) || hasInnerCapital(w) || DOTTED_CAPITAL.test(w))) return 'org';
  if (role && words.length <= 4) return 'person';
  if (words.length >= 2 && words.length <= 4 && GIVEN.has(words[0])) return 'person';
  if (words.length === 1 && persons.has(words[0])) return 'person';
  return 'unknown';
}

/** ", which" or ", who" right after a word: the words of names.json's orgRelativePronouns and personRelativePronouns. */
const RELATIVE_AFTER = new RegExp(String.raw`^,\s+(${[...lexicon.orgRelativePronouns.words, ...lexicon.personRelativePronouns.words].join('|')})\b`, 'i');
const RELATIVE_ORG = set(lexicon.orgRelativePronouns.words);

/** The kind a relative clause after a lone capitalised word gives it ("Nortel, which…": an organisation). */
function relativeKind(after: string): NameKind | undefined {
  const m = RELATIVE_AFTER.exec(after);
  if (!m) return undefined;
  return RELATIVE_ORG.has(m[1].toLowerCase()) ? 'org' : 'person';
}

export function findNames(text: string): FoundName[] {
  return readNames(text).names;
}

/** A name as found, with what a longer text around it may change of its kind (see readNames). */
export interface ReadName extends FoundName {
  /** A person's name of two words or more: its last word, which names that person alone further on. */
  surname?: string;
  /** A name of one word and no kind: a person's, when a name before it in a longer text gave it as a surname. */
  lone?: string;
}

/** A text's names, and what the reading of the text after it in a longer one takes from it. */
export interface NamesRead {
  names: ReadName[];
  /** Whether each of the (at most) three words that end the text is a person's title ("chief executive"): a role for a name opening the text after. */
  titlesAtEnd: boolean[];
  /** A word of four letters or more is not capitalised: no text holding it is a title-case heading. */
  lowercase: boolean;
}

/** How many words before a name a person's title gives it a role ("chief executive Jensen Huang"). */
const ROLE_REACH = 3;

function isTitleWord(t: Token): boolean {
  return TITLES.has(t.text.toLowerCase());
}

/** Whether a person's title is among the ROLE_REACH words before token `index`, those before the text (`titlesBefore`) included. */
function roleBefore(tokens: readonly Token[], index: number, titlesBefore: readonly boolean[]): boolean {
  for (let k = 1; k <= ROLE_REACH; k++) {
    const i = index - k;
    if (i >= 0 ? isTitleWord(tokens[i]) : titlesBefore[titlesBefore.length + i]) return true;
  }
  return false;
}

/**
 * The names of `text`, read as part of a longer text when asked: `titlesBefore` are the roles of
 * the words before it (NamesRead.titlesAtEnd of the text before), and `titleCase` whether the
 * whole is a title-case heading (by default, whether the text is). Its names are the longer
 * text's there but for a lone name a surname said before the text makes a person's (`lone`).
 */
export function readNames(text: string, titlesBefore: readonly boolean[] = [], titleCase?: boolean): NamesRead {
  const tokens = splitHyphens(tokenize(text));
  const names: ReadName[] = [];
  const persons = new Set<string>();
  for (const run of runs(tokens, titleCase ?? isTitleCase(tokens))) {
    for (const piece of cleanRun(run, tokens)) {
      const kept = keepRun(piece, tokens);
      if (!kept) continue;
      const first = kept[0];
      const last = kept[kept.length - 1];
      const kind = kindOf(kept, roleBefore(tokens, first.index, titlesBefore), persons);
      const name: ReadName = { start: first.start, end: last.end, text: text.slice(first.start, last.end), kind };
      if (kind === 'person' && kept.length > 1) persons.add((name.surname = last.text));
      if (kind === 'unknown' && kept.length === 1) {
        name.kind = relativeKind(text.slice(last.end)) ?? kind;
        if (name.kind === 'unknown') name.lone = first.text;
      }
      names.push(name);
    }
  }
  const titlesAtEnd = [...titlesBefore, ...tokens.slice(-ROLE_REACH).map(isTitleWord)].slice(-ROLE_REACH);
  return { names, titlesAtEnd, lowercase: tokens.some((t) => LONG_WORD.test(t.text) && !isCapitalised(t.text)) };
}

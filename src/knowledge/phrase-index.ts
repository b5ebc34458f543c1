/**
 * Finds a knowledge base's names and keywords in a text by looking its words up in hash maps,
 * so the cost grows with the text, not with the size of the knowledge base (one regular
 * expression alternating every alias failed at 77,000 facts). The rules:
 * - a phrase matches at word starts, its words separated as it writes them (a space matches any
 *   run of white space; "Amazon.com" needs its dot and no space);
 * - names (aliases) match whole words; keywords match word starts ("invest" in "investment"),
 *   except keywords of one or two letters ("to", "up"), which match whole words;
 * - case does not matter, except for a phrase in capitals ("AWS", "ARR", "Q3"): it matches only
 *   in capitals, as a whole word ("aws" and "arrives" are not it); and a proper name (every
 *   word capitalised) matches only capitalised ("the Haul" is a truck, "long-haul" is not);
 * - at each place the longest phrase wins, and the next match starts after it.
 */

export interface Token {
  /** As written. */
  text: string;
  lower: string;
  start: number;
  end: number;
  /** White space between the previous token and this one. */
  spaced: boolean;
}

/** What a character is to the tokenizer: part of a word (a letter or digit), white space, or a token of its own. */
const enum CharKind {
  Word,
  Space,
  Other,
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE_CHAR = /\s/u;

/** The first code point past ASCII: below it a character's kind is a comparison, not a regular expression. */
const FIRST_NON_ASCII = 0x80;

/** The kind of the code point `cp` (the classes of the tokens: [\p{L}\p{N}]+, \s, and any other character). */
function kindOf(cp: number): CharKind {
  if (cp < FIRST_NON_ASCII) {
    // 0-9, A-Z, a-z; tab to carriage return, and space.
    if ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)) return CharKind.Word;
    return (cp >= 9 && cp <= 13) || cp === 32 ? CharKind.Space : CharKind.Other;
  }
  const c = String.fromCodePoint(cp);
  return WORD_CHAR.test(c) ? CharKind.Word : SPACE_CHAR.test(c) ? CharKind.Space : CharKind.Other;
}

/**
 * The text's tokens: runs of letters and digits, and every other character but white space on its
 * own (as /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu gives them, by code point). One pass over the
 * characters: a regular expression's matches cost several times as much, and a large knowledge
 * base's names (over 140,000) are each tokenized once, a draft's text at every check.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const kind = kindOf(cp);
    const width = cp > 0xffff ? 2 : 1;
    if (kind === CharKind.Space) {
      i += width;
      continue;
    }
    let end = i + width;
    if (kind === CharKind.Word) {
      for (let next = text.codePointAt(end); next !== undefined && kindOf(next) === CharKind.Word; next = text.codePointAt(end)) end += next > 0xffff ? 2 : 1;
    }
    const word = text.slice(i, end);
    out.push({ text: word, lower: word.toLowerCase(), start: i, end, spaced: i > last });
    last = end;
    i = end;
  }
  return out;
}

/** A year's token: four digits from 1900 to 2099. */
const YEAR_TOKEN = /^(?:19|20)\d\d$/u;

function isYear(t: Token): boolean {
  return t.text.length === 4 && YEAR_TOKEN.test(t.text);
}

/** Texts longer than a long paragraph (17 KB) are not kept with their tokens: a whole draft's would hold megabytes. */
const MAX_KEPT_TOKENS_TEXT = 20_000;
/** The text last matched against an index, and its tokens (see tokensToMatch). */
let lastMatched: { text: string; tokens: readonly Token[] } | undefined;

/**
 * The tokens of a text to match: the names' and the keywords' indexes are asked about the same
 * text one after the other (a unit's mentions, then its keywords), so the last text's tokens are
 * kept for the next call. Tokens are never changed once made.
 */
function tokensToMatch(text: string): readonly Token[] {
  if (lastMatched?.text === text) return lastMatched.tokens;
  const tokens = tokenize(text);
  lastMatched = text.length <= MAX_KEPT_TOKENS_TEXT ? { text, tokens } : undefined;
  return tokens;
}

/** A phrase in capitals (an acronym or a ticker) is matched in capitals only, as a whole word. */
export function isCapitalised(phrase: string): boolean {
  return /\p{Lu}/u.test(phrase) && !/\p{Ll}/u.test(phrase);
}

function startsCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** A name whose every word is capitalised ("Haul", "Thrive Capital", "Trainium 2"), not a description that starts a sentence ("Full-stack AI cloud"). */
function isProperName(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => /^\p{L}/u.test(t.text));
  return words.length > 0 && words.every((t) => startsCapitalised(t.text));
}

/**
 * Which words of a proper name are capitalised: bit j for word j, a number rather than a list for
 * the hundreds of thousands of names of a large knowledge base; a list for a name longer than that.
 */
type Capitals = number | boolean[];

/** Names of at most this many words keep their capitals as the bits of a number. */
const CAPITAL_BITS = 30;

function capitalsOf(tokens: readonly Token[]): Capitals {
  if (tokens.length > CAPITAL_BITS) return tokens.map((t) => startsCapitalised(t.text));
  let bits = 0;
  tokens.forEach((t, j) => {
    if (startsCapitalised(t.text)) bits |= 1 << j;
  });
  return bits;
}

function isCapital(capitals: Capitals, j: number): boolean {
  return typeof capitals === 'number' ? (capitals & (1 << j)) !== 0 : capitals[j];
}

/** A proper name's words are capitalised in the text too. */
function capitalsAgree<T>(phrase: Phrase<T>, tokens: readonly Token[], from: number): boolean {
  const caps = phrase.capitals;
  if (caps === undefined) return true;
  for (let j = 0; j < phrase.words; j++) if (isCapital(caps, j) && !startsCapitalised(tokens[from + j].text)) return false;
  return true;
}

/** Keywords this short ("to", "up") are whole words: "today" is not "to", nor "upfront" "up". */
export function isShortWord(keyword: string): boolean {
  return keyword.length <= 2;
}

interface Phrase<T> {
  value: T;
  /** Length of the phrase as written, for "the longest wins". */
  length: number;
  /** Length of its last word as written: where a prefix match ends. */
  lastLength: number;
  /** Its words (tokens). */
  words: number;
  /** For a name: which of its words are capitalised, and so must be in the text. */
  capitals?: Capitals;
}

/**
 * The phrases that end at a node: nearly always one (each name of a large knowledge base ends at
 * a node of its own), kept without a list, since a list of one costs more than the phrase itself.
 */
type Ending<T> = Phrase<T> | Phrase<T>[];

function endingList<T>(ending: Ending<T> | undefined): readonly Phrase<T>[] {
  return ending === undefined ? [] : Array.isArray(ending) ? ending : [ending];
}

/** A node of the word trie: the words that may follow, and the phrases that end here. */
interface Node<T> {
  /** Created on demand: a knowledge base of 100,000 facts has a node for every word of every name. */
  next?: Map<string, Node<T>>;
  /** Phrases ending with this node's word, as a whole word. */
  whole?: Ending<T>;
  /** Phrases whose last word may start a longer word, by that last word: looked up by every prefix of the text's word. */
  prefixed?: Map<string, Phrase<T>[]>;
  longestPrefixed: number;
  /**
   * In an index read from records (PhraseIndex.fromRecords), the record this node's fields are
   * still to be read from; NOT_PENDING once they are, and always in an index built by `add`.
   */
  pending: number;
}

const NOT_PENDING = -1;

/**
 * A node as written by PhraseIndex.records: [whole, prefixed, longestPrefixed, children], where
 * whole is a list of phrases (0 for none), prefixed a list of [word key, phrases] (0 for none),
 * and children a flat list of [word key, record] pairs (0 for none). Word keys and values are
 * places in the index's lists of keys and values; a phrase is [value, length, lastLength, words,
 * capitals], its capitals null for none.
 */
export type NodeRecord = [whole: PhraseRecord[] | 0, prefixed: [number, PhraseRecord[]][] | 0, longestPrefixed: number, children: number[] | 0];
type PhraseRecord = [value: number, length: number, lastLength: number, words: number, capitals: Capitals | null];

/** Where an index read from records reads them: the records by place, its word keys, and its values by number. */
export interface PhraseRecords<T> {
  record(place: number): NodeRecord;
  keys: readonly string[];
  value(n: number): T;
}

/** An index written out as records (see NodeRecord): the places of its roots' records, and its word keys. */
export interface WrittenPhraseIndex {
  roots: { folded: number; exact: number };
  keys: string[];
}

export interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
}

/**
 * A node's prefixed keys (Node.prefixed) as a trie of their UTF-16 code units: the keys that
 * start a text's word are found by walking the word's characters once, not by looking up each
 * of its prefixes, which cut the word into a new string per prefix at every word of every text.
 */
interface PrefixTrie<T> {
  next: Map<number, PrefixTrie<T>> | undefined;
  /** The phrases of the key that ends here (the prefixed map's own list). */
  phrases: Phrase<T>[] | undefined;
}

function prefixTrieOf<T>(prefixed: ReadonlyMap<string, Phrase<T>[]>): PrefixTrie<T> {
  const root: PrefixTrie<T> = { next: undefined, phrases: undefined };
  for (const [word, phrases] of prefixed) {
    let at = root;
    for (let c = 0; c < word.length; c++) {
      at.next ??= new Map();
      const code = word.charCodeAt(c);
      let child = at.next.get(code);
      if (!child) at.next.set(code, (child = { next: undefined, phrases: undefined }));
      at = child;
    }
    at.phrases = phrases;
  }
  return root;
}

const SPACE = 0x20;
/** What a hit is handed to as it is found (PhraseIndex.findEach). */
export type PhraseHitSink<T> = (value: T, start: number, end: number) => void;
const NO_VALUES: readonly never[] = [];

function node<T>(pending = NOT_PENDING): Node<T> {
  // Every field written at once: one shape for all nodes, whichever fields they come to use.
  return { next: undefined, whole: undefined, prefixed: undefined, longestPrefixed: 0, pending };
}

/** A word's key in the trie: its case-folded (or, for capitals, exact) form, marked when white space precedes it. */
function key(t: Token, first: boolean, caseSensitive: boolean): string {
  const word = caseSensitive ? t.text : t.lower;
  return first || !t.spaced ? word : ` ${word}`;
}

/** A phrase as stored; `name`: a name in any case, whose capitals count when it is a proper one. */
function phraseOf<T>(value: T, written: string, tokens: readonly Token[], name: boolean): Phrase<T> {
  // `capitals` written even when undefined: one shape for every phrase.
  const capitals = name && isProperName(tokens) ? capitalsOf(tokens) : undefined;
  return { value, length: written.length, lastLength: tokens[tokens.length - 1].text.length, words: tokens.length, capitals };
}

export class PhraseIndex<T> {
  /**
   * `yearsInside`: a year inside a phrase is passed over, as a keyword index wants it ("of the 2025
   * market" says "of the market"); a name index matches names as written.
   */
  constructor(private readonly yearsInside = false) {}

  /** Phrases matched without regard to case, and phrases in capitals matched exactly. */
  private roots = { folded: node<T>(), exact: node<T>() };
  /**
   * One string per distinct word key: the trie's maps keep their keys, and a hundred thousand
   * names ("AWS Velorin", "Amazon Velorin", …) repeat the same few words under many nodes.
   */
  private keys = new Map<string, string>();

  /** Where the nodes not read yet are read from (an index read from records). */
  private source?: PhraseRecords<T>;

  /** Nodes' prefixed keys as tries (see PrefixTrie), made when first matched against. */
  private tries = new WeakMap<Node<T>, PrefixTrie<T>>();
  /**
   * The matches at one token, kept from call to call: every word of every text checked is
   * matched, and a list of new objects per word was a large share of a keystroke's garbage.
   * `found` has the phrases, `ends` where each match ends, both filled up to `count`.
   */
  private readonly found: Phrase<T>[] = [];
  private readonly ends: number[] = [];
  private count = 0;
  /** The phrase lists a word's prefixes hit, longest prefix last (see prefixMatches). */
  private readonly prefixHits: Phrase<T>[][] = [];
  /** The values found at one place, each once. */
  private readonly values: T[] = [];

  private interned(word: string): string {
    const known = this.keys.get(word);
    if (known !== undefined) return known;
    this.keys.set(word, word);
    return word;
  }

  /**
   * An index whose nodes are read from `source` as matching first reaches them: a knowledge base's
   * snapshot (snapshot.ts) holds some 170,000 names, and a draft reaches the nodes of the few it
   * names and of their first words.
   */
  static fromRecords<T>(source: PhraseRecords<T>, roots: { folded: number; exact: number }): PhraseIndex<T> {
    const index = new PhraseIndex<T>();
    index.source = source;
    index.roots = { folded: node(roots.folded), exact: node(roots.exact) };
    return index;
  }

  /** The node with its fields read, from its record if they are not yet. */
  private read(n: Node<T>): Node<T> {
    if (n.pending === NOT_PENDING) return n;
    const source = this.source!;
    const { keys } = source;
    const [whole, prefixed, longest, children] = source.record(n.pending);
    const phrase = ([value, length, lastLength, words, capitals]: PhraseRecord): Phrase<T> => ({ value: source.value(value), length, lastLength, words, capitals: capitals ?? undefined });
    if (whole) n.whole = whole.length === 1 ? phrase(whole[0]) : whole.map(phrase);
    if (prefixed) n.prefixed = new Map(prefixed.map(([key, phrases]) => [keys[key], phrases.map(phrase)]));
    n.longestPrefixed = longest;
    if (children) {
      n.next = new Map();
      for (let i = 0; i < children.length; i += 2) n.next.set(keys[children[i]], node(children[i + 1]));
    }
    n.pending = NOT_PENDING;
    return n;
  }

  /**
   * The index as records (see NodeRecord), each handed to `write` in turn: breadth first, the two
   * roots first, so that the nodes every text reaches (the roots and the first words of names,
   * the largest records) sit together; each word key numbered once, in the order first met.
   * `valueOf` numbers the values, as PhraseRecords.value reads them back.
   */
  records(valueOf: (value: T) => number, write: (record: NodeRecord) => void): WrittenPhraseIndex {
    const keys = new Map<string, number>();
    const place = (k: string) => {
      let at = keys.get(k);
      if (at === undefined) keys.set(k, (at = keys.size));
      return at;
    };
    const phrase = (p: Phrase<T>): PhraseRecord => [valueOf(p.value), p.length, p.lastLength, p.words, p.capitals ?? null];
    const order: Node<T>[] = [this.roots.folded, this.roots.exact];
    for (let i = 0; i < order.length; i++) {
      const n = this.read(order[i]);
      const children: number[] = [];
      // A child's place is its turn in the order, known as it joins the queue.
      for (const [k, child] of n.next ?? []) children.push(place(k), order.push(child) - 1);
      const whole = endingList(n.whole);
      const prefixed = n.prefixed ? [...n.prefixed].map(([k, ps]): [number, PhraseRecord[]] => [place(k), ps.map(phrase)]) : [];
      write([whole.length ? whole.map(phrase) : 0, prefixed.length ? prefixed : 0, n.longestPrefixed, children.length ? children : 0]);
    }
    return { roots: { folded: 0, exact: 1 }, keys: [...keys.keys()] };
  }

  /** `prefix`: the phrase's last word may start a longer word (keywords); otherwise whole words only (names). */
  add(phrase: string, value: T, prefix: boolean): void {
    const written = phrase.trim();
    const tokens = tokenize(written);
    if (!tokens.length) return;
    const caseSensitive = isCapitalised(written);
    const isPrefix = prefix && !caseSensitive && !isShortWord(written);
    const p = phraseOf(value, written, tokens, !prefix && !caseSensitive);
    let n = this.read(caseSensitive ? this.roots.exact : this.roots.folded);
    const upTo = isPrefix ? tokens.length - 1 : tokens.length;
    for (let k = 0; k < upTo; k++) {
      const word = key(tokens[k], k === 0, caseSensitive);
      n.next ??= new Map();
      let child = n.next.get(word);
      if (!child) n.next.set(this.interned(word), (child = node()));
      n = this.read(child);
    }
    if (!isPrefix) {
      if (n.whole === undefined) n.whole = p;
      else if (Array.isArray(n.whole)) n.whole.push(p);
      else n.whole = [n.whole, p];
    }
    else {
      const last = key(tokens[tokens.length - 1], tokens.length === 1, false);
      n.prefixed ??= new Map();
      this.tries.delete(n);
      const list = n.prefixed.get(last);
      if (list) list.push(p);
      else n.prefixed.set(this.interned(last), [p]);
      n.longestPrefixed = Math.max(n.longestPrefixed, last.length);
    }
  }

  private foundMatch(phrase: Phrase<T>, end: number): void {
    this.found[this.count] = phrase;
    this.ends[this.count++] = end;
  }

  /**
   * The phrases of node `n` whose prefixed last word starts token `t` (with a space before it
   * when `spaced`), longest first: as looking up each of the word's prefixes, from the longest,
   * would find them.
   */
  private prefixMatches(n: Node<T>, prefixed: ReadonlyMap<string, Phrase<T>[]>, t: Token, spaced: boolean): void {
    let trie = this.tries.get(n);
    if (!trie) this.tries.set(n, (trie = prefixTrieOf(prefixed)));
    let at: PrefixTrie<T> | undefined = spaced ? trie.next?.get(SPACE) : trie;
    const hits = this.prefixHits;
    let count = 0;
    for (let c = 0; at && c < t.lower.length; c++) {
      at = at.next?.get(t.lower.charCodeAt(c));
      if (at?.phrases) hits[count++] = at.phrases;
    }
    for (let h = count - 1; h >= 0; h--) for (const phrase of hits[h]) this.foundMatch(phrase, t.start + phrase.lastLength);
  }

  /** Every phrase of the trie matching at token `i`, with where each match ends, added to the matches found. */
  private matchesAt(root: Node<T>, tokens: readonly Token[], i: number, caseSensitive: boolean): void {
    let n: Node<T> | undefined = root;
    for (let k = i; n && k <= tokens.length; k++) {
      if (n.pending !== NOT_PENDING) this.read(n);
      if (k > i && this.passesYear(n, tokens, k)) k++;
      const t = tokens[k];
      // The last word of a keyword may start the text's word: "invest" in "investment".
      if (t && n.prefixed) this.prefixMatches(n, n.prefixed, t, k > i && t.spaced);
      if (k > i) this.wholeMatches(n, tokens, i, tokens[k - 1].end);
      n = t ? n.next?.get(key(t, k === i, caseSensitive)) : undefined;
    }
  }

  /** A year inside a phrase says when, not what (see yearsInside): whether to pass token `k` over, where no phrase ends before it. */
  private passesYear(n: Node<T>, tokens: readonly Token[], k: number): boolean {
    return this.yearsInside && k + 1 < tokens.length && n.whole === undefined && isYear(tokens[k]) && !n.next?.has(tokens[k].lower);
  }

  /** The phrases ending at node `n`, matched from token `i` to `end`, added to the matches found. */
  private wholeMatches(n: Node<T>, tokens: readonly Token[], i: number, end: number): void {
    const { whole } = n;
    if (Array.isArray(whole)) {
      for (const phrase of whole) if (capitalsAgree(phrase, tokens, i)) this.foundMatch(phrase, end);
    } else if (whole !== undefined && capitalsAgree(whole, tokens, i)) this.foundMatch(whole, end);
  }

  /**
   * Every match in `text`, left to right, without overlaps: at each word the longest phrase, and
   * with it `alsoAt` of it (a keyword's shorter keywords: "projected" also says "project").
   */
  find(text: string, alsoAt?: (value: T) => readonly T[]): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    this.findEach(text, (value, start, end) => out.push({ value, start, end }), alsoAt);
    return out;
  }

  /**
   * What `find` finds, each match handed to `sink` as found, in the same order: a caller that
   * makes its own objects of the matches makes no list of PhraseHits first.
   */
  findEach(text: string, sink: PhraseHitSink<T>, alsoAt?: (value: T) => readonly T[]): void {
    const tokens = tokensToMatch(text);
    for (let i = 0; i < tokens.length; i++) {
      this.count = 0;
      this.matchesAt(this.roots.folded, tokens, i, false);
      this.matchesAt(this.roots.exact, tokens, i, true);
      if (!this.count) continue;
      const end = this.longestEnd();
      this.emitLongest(tokens[i].start, end, sink, alsoAt);
      while (i + 1 < tokens.length && tokens[i + 1].start < end) i++;
    }
  }

  /** Where the longest of the matches found ends. */
  private longestEnd(): number {
    let end = this.ends[0];
    for (let j = 1; j < this.count; j++) if (this.ends[j] > end) end = this.ends[j];
    return end;
  }

  /** Adds `v` to the first `count` values unless it is among them; gives the new count. */
  private addValue(v: T, count: number): number {
    for (let j = 0; j < count; j++) if (this.values[j] === v) return count;
    this.values[count] = v;
    return count + 1;
  }

  /** The values of the matches found that end at `end`, and `alsoAt` of each, each value once, handed to `sink`. */
  private emitLongest(start: number, end: number, sink: PhraseHitSink<T>, alsoAt?: (value: T) => readonly T[]): void {
    // A count, not the list's length: a list cut to no length lets its storage go, made again at the next push.
    let count = 0;
    for (let j = 0; j < this.count; j++) {
      if (this.ends[j] !== end) continue;
      const v = this.found[j].value;
      count = this.addValue(v, count);
      for (const also of alsoAt?.(v) ?? NO_VALUES) count = this.addValue(also, count);
    }
    for (let j = 0; j < count; j++) sink(this.values[j], start, end);
  }
}

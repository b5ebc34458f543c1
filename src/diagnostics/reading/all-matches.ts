/**
 * Every match of a global pattern, as String.prototype.matchAll gives them, without its copy of
 * the pattern. matchAll copies the pattern on every call, and a copy finds its compiled code in a
 * cache that each full garbage collection empties: in profiles of keystrokes in a long paragraph,
 * the figure and name patterns were compiled again and again. This runs the pattern itself: from
 * where its lastIndex is, as the copy would start, and leaves that lastIndex as it found it.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: ${pattern}`);
  const from = pattern.lastIndex;
  const unicode = /[uv]/.test(pattern.flags);
  const out: RegExpExecArray[] = [];
  try {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      out.push(m);
      // An empty match is found again at the same place: step over a character (a code point with u or v).
      if (m[0] === '') pattern.lastIndex += unicode && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    }
  } finally {
    pattern.lastIndex = from;
  }
  return out;
}

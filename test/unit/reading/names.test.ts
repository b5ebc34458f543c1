/** findNames: proper names of organisations and people by capitalisation rules and word lists. */
import assert from 'node:assert/strict';
import { findNames, isCommonWord } from '../../../src/diagnostics/reading/names';
import lexicon from '../../../src/diagnostics/reading/names.json';

/** "text" → the names found, as "Name/kind". */
function names(text: string): string[] {
  return findNames(text).map((n) => `${n.text}/${n.kind}`);
}

describe('findNames', () => {
  const cases: [string, string, string[]][] = [
    // parties the knowledge base does not know
    ['unknown parties, sentence-initial and not', 'SoftBank led a $40 billion round in OpenAI.', ['SoftBank/org', 'OpenAI/org']],
    ['multi-word organisation', 'Thrive Capital and a fund backed by MGX joined the round.', ['Thrive Capital/org', 'MGX/org']],
    // A relative pronoun after one capitalised word says what it names.
    ['one word and "which"', 'Nortel, which made up a third of the index, lost 90%.', ['Nortel/org']],
    ['one word and "who"', 'Selipsky, who ran AWS, left.', ['Selipsky/person', 'AWS/org']],
    ['one word alone', 'Nortel lost 90%.', ['Nortel/unknown']],
    ['person by given name', 'Sam Altman told staff on Tuesday that OpenAI would raise more.', ['Sam Altman/person', 'OpenAI/org']],
    ['person after a role', 'chief executive Jensen Huang said so.', ['Jensen Huang/person']],
    ['role word ends a name', 'AWS CEO Matt Garman spoke first.', ['AWS/org', 'Matt Garman/person']],
    ['surname later in the same text', 'Sam Altman spoke; Altman then left.', ['Sam Altman/person', 'Altman/person']],
    ['unknown kind stays unknown', 'Mistral raised money.', ['Mistral/unknown']],
    ['lower-case brand with an inner capital', 'xAI closed a $6 billion Series C.', ['xAI/org']],
    ['dotted name', 'Google paid $2.7 billion to license Character.AI technology.', ['Google/unknown', 'Character.AI/org']],
    ['initials', 'TSMC chief executive C.C. Wei told analysts.', ['TSMC/org', 'C.C. Wei/person']],
    ['joiner inside a name', 'Fidelity Management & Research bought in, as did Bank of America.', ['Fidelity Management & Research/org', 'Bank of America/org']],
    ['"of" after a person is two names', 'Sam Altman of OpenAI agreed.', ['Sam Altman/person', 'OpenAI/org']],
    // possessives and hyphens
    ['possessive ends a name', "Meta's Scale AI deal closed.", ['Meta/unknown', 'Scale AI/org']],
    ['curly possessive', 'Amazon’s stake grew.', ['Amazon/unknown']],
    ['hyphenated person name', "Intel's Lip-Bu Tan met the board.", ['Intel/unknown', 'Lip-Bu Tan/unknown']],
    ['hyphen between two parties', 'The Microsoft-OpenAI pact held.', ['Microsoft/unknown', 'OpenAI/org']],
    ['place before -based is dropped', 'the Paris-based lab raised money', []],
    ['maker before -backed stays', 'a Nvidia-backed cloud', ['Nvidia/unknown']],
    // sentence-initial words, headings, "the Fed"
    ['common word opening a sentence', 'Analysts expect more. Rivals are not standing still.', []],
    ['common word opening, then a name', 'Internal AWS projections see growth.', ['AWS/org']],
    ['common word plus organisation word is a name', 'Scale AI raised $1 billion.', ['Scale AI/org']],
    ['market, not a company', 'Enterprise AI services are forecast to grow. Generative AI could claim 40%.', []],
    ['the Fed', 'The Fed held rates steady.', ['Fed/unknown']],
    ['The Information', 'The Information reported the deal.', ['Information/unknown']],
    // A determiner alone is no name, even where a label before it hides the sentence's start.
    ['a lone determiner after a time stamp', '51:00 The competition. Microsoft leads.', ['Microsoft/unknown']],
    ['a lone determiner mid-sentence', 'as The market saw it', []],
    ['title-case heading', 'The Dual Bet, Explained', []],
    ['title-case heading with a name', 'Garman and the Timing', ['Garman/unknown']],
    ['title-case heading: the name ends at a common word', 'Why Nvidia Keeps Writing Cheques to Its Own Customers', ['Nvidia/unknown']],
    ['title-case heading keeps an organisation word', 'How Thrive Capital Won the Round', ['Thrive Capital/org']],
    ['heading with a possessive', "Cloud Ledger: Amazon's two-way AI wager", ['Amazon/unknown']],
    ['label after a colon', 'Q: Didn\'t OpenAI reject Amazon?', ['OpenAI/org', 'Amazon/unknown']],
    ['"A:" then a common word', 'A: Yes, we plan to review it.', []],
    ['memo header words', 'To: Investment Committee From: Cloud & Infrastructure Coverage', []],
    ['all-caps shouting', 'MEMO', []],
    // months, weekdays, abbreviations, places
    ['months and weekdays', 'In March 2025 and on Thursday, the deal closed.', []],
    ['quarters and fiscal years', 'In Q3 FY25 spending rose; H1 2026 will tell.', []],
    ['non-name abbreviations', 'The CEO said GPU and API prices fell after the IPO.', []],
    ['ticker', 'AMZN adds $10-15B to Anthropic.', ['AMZN/org', 'Anthropic/unknown']],
    ['places', 'Data centres in Texas, Abu Dhabi and the US, and Wall Street cheered.', []],
    ['place then organisation word', 'Abu Dhabi Investment Authority invested.', ['Abu Dhabi Investment Authority/org']],
    ['country possessive', "Saudi Arabia's Public Investment Fund backed Humain.", ['Public Investment Fund/org', 'Humain/unknown']],
    // products
    ['product names with digits', 'GPT-4o cut prices while the H100 still rented for $2.', []],
    ['model numbers', 'On Llama 70B, Inferentia 2 responds in 45 ms, versus 40 ms for the L40S.', []],
    ['maker before a product', 'AWS Inferentia 2 and Nvidia H100 compete.', ['AWS/org', 'Nvidia/unknown']],
    ['listed products', 'Trainium handles training; the Claude maker agreed.', []],
    ['funding round', 'a Series C led by ASML', ['ASML/org']],
    ['year after a name is not a model number', 'OpenAI 2025 revenue rose.', ['OpenAI/org']],
    // tables and lists (as the engine gives them: one unit per cell or item, markup blanked)
    ['table cell', 'Thrive Capital and others', ['Thrive Capital/org']],
    ['table cell, one name', 'Stargate', ['Stargate/unknown']],
    ['list item', 'Oracle (OCI) earned $9B in AI revenue in 2024.', ['Oracle/unknown', 'OCI/org']],
    ['numbered thread item', '13/ Azure: $38B, growing 45%.', ['Azure/unknown']],
    ['blanked emphasis keeps offsets', '  SoftBank   led it', ['SoftBank/org']],
    ['table row with pipes', 'Microsoft | Inflection AI | $650M | Licensing fee and hires', ['Microsoft/unknown', 'Inflection AI/org']],
    ['empty', '', []],
    ['no capitals', 'the company raised money from a fund.', []],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(names(text), expected));

  it('gives offsets in UTF-16 code units into the text', () => {
    const text = '🚀 An über-rich “Anthropic” and €1 for Scale AI’s deal — Sam Altman';
    const found = findNames(text);
    assert.deepEqual(found.map((n) => n.text), ['Anthropic', 'Scale AI', 'Sam Altman']);
    for (const n of found) assert.equal(text.slice(n.start, n.end), n.text);
  });

  it('is pure: the same text gives the same names, with no state carried between calls', () => {
    const a = findNames('Sam Altman spoke. Altman left.');
    findNames('Altman alone.');
    assert.deepEqual(findNames('Sam Altman spoke. Altman left.'), a);
    assert.deepEqual(names('Altman alone.'), ['Altman/unknown']);
  });
});

describe('isCommonWord', () => {
  const cases: [string, boolean][] = [
    ['Analysts', true], ['Rivals', true], ['Credits', true], ["Didn't", true], ["Here's", true], ['Antitrust', true],
    ['Oracle', false], ['SoftBank', false], ['Anthropic', false], ['Perplexity', false], ['Mistral', false],
  ];
  for (const [word, common] of cases) it(`${word}: ${common}`, () => assert.equal(isCommonWord(word), common));
});

describe('names.json', () => {
  it('every list says what it is for', () => {
    for (const [key, list] of Object.entries(lexicon)) {
      assert.equal(typeof list.comment, 'string', key);
      assert.ok(list.comment.length > 20 && !list.comment.includes('\n'), `${key}: one-line comment`);
      assert.ok(list.words.length > 0, key);
    }
  });
});

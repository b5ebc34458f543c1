/** The model table (src/diagnostics/matching/model.json) and the score as a sum of contributions. */
import assert from 'node:assert/strict';
import { FEATURE_NAMES, MODEL, Model, WEIGHTS, scoreOf } from '../../../src/diagnostics/matching/model';
import data from '../../../src/diagnostics/matching/model.json';

describe('model', () => {
  it('is valid against its schema: every feature, gate, margin and evidence weight present and documented', () => {
    assert.deepStrictEqual(Model.parse(data), data, 'used as the file says: the parse changes nothing');
    assert.deepEqual(Object.keys(MODEL.features), [...FEATURE_NAMES]);
  });

  const cases: { values: Parameters<typeof scoreOf>[0]; score: number; shown: string[] }[] = [
    { values: [], score: 0, shown: [] },
    {
      values: [{ feature: 'subject', value: 1 }, { feature: 'object', value: 0.5 }, { feature: 'rivals', value: 0 }],
      score: WEIGHTS.subject + 0.5 * WEIGHTS.object,
      shown: ['subject', 'object'],
    },
    {
      values: [{ feature: 'qualifierSaid', on: 'upfront', value: 0.9 }, { feature: 'qualifierUnsaid', on: 'milestone', value: 1 }],
      score: 0.9 * WEIGHTS.qualifierSaid + WEIGHTS.qualifierUnsaid,
      shown: ['qualifierSaid[upfront]', 'qualifierUnsaid[milestone]'],
    },
  ];
  for (const { values, score, shown } of cases)
    it(`sums ${shown.join(' + ') || 'nothing'} and lists only the features that contributed`, () => {
      const r = scoreOf(values, WEIGHTS);
      assert.equal(r.score, score);
      assert.deepEqual(r.contributions.map((c) => c.feature + (c.on ? `[${c.on}]` : '')), shown);
      assert.equal(r.contributions.reduce((s, c) => s + c.contribution, 0), r.score);
    });
});

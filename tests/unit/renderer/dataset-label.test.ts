import { describe, expect, it } from 'vitest';
import { datasetLabel } from '../../../src/renderer/src/features/sweeps/dataset-label';

describe('sweep data set label', () => {
  const ds = [{ id: 'abc', name: 'goog', firstTime: Date.UTC(2004, 7, 19), lastTime: Date.UTC(2013, 2, 1, 15, 30) }];
  it('names the data set and its UTC date range', () => {
    expect(datasetLabel('abc', ds)).toEqual({ name: 'goog', range: '2004-08-19 → 2013-03-01' });
  });
  it('falls back to the id when the data set is not loaded', () => {
    expect(datasetLabel('0123456789abcdef', null)).toEqual({ name: '0123456789', range: '' });
  });
});

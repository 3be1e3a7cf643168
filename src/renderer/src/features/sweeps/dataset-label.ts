/**
 * Pure: how a sweep names its data (a sweep always covers its whole data set): "goog · 2004-08-19 → 2013-03-01".
 * Two sweeps of one strategy on different data no longer look identical in the list.
 */
import { fmtTime } from '../../lib/format';

export interface DatasetLike {
  id: string;
  name: string;
  firstTime: number;
  lastTime: number;
}

export function datasetLabel(datasetId: string, datasets: readonly DatasetLike[] | null): { name: string; range: string } {
  const d = datasets?.find((x) => x.id === datasetId);
  if (!d) return { name: datasetId.slice(0, 10), range: '' };
  return { name: d.name, range: `${fmtTime(d.firstTime, false)} → ${fmtTime(d.lastTime, false)}` };
}

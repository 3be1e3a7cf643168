/**
 * Run search text with parameter filters: `ma_crossover fast_window=22` finds ma_crossover runs whose fast_window
 * is 22. A `name=value` token is a parameter filter, everything else stays free text. Names are checked against
 * the strategies' real parameter lists (the short names of param-label are accepted too), values are parsed as
 * number / true / false / null / text; anything else is BAD_INPUT naming the token, so a typo does not silently
 * match nothing.
 */
import { PeakError } from '../errors';
import { shortParamNames } from './param-label';

export type ParamFilterValue = number | string | boolean | null;
export interface ParamFilter {
  /** the parameter's full name, as stored */
  name: string;
  value: ParamFilterValue;
}
export interface RunSearch {
  text: string;
  params: ParamFilter[];
}

const TOKEN = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const MAX_FILTERS = 8;

function parseValue(raw: string, token: string): ParamFilterValue {
  if (raw === '') throw new PeakError('BAD_INPUT', `search "${token}": a value is missing after "="`);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return Number(raw);
  if (/^[A-Za-z0-9_.:-]{1,80}$/.test(raw)) return raw;
  throw new PeakError('BAD_INPUT', `search "${token}": the value must be a number, true, false, null or a word`);
}

/**
 * @param paramLists parameter names per strategy; with `strategyId` only that strategy's names are valid.
 */
export function parseRunSearch(text: string, paramLists: ReadonlyMap<string, readonly string[]>, strategyId?: string): RunSearch {
  const lists = strategyId !== undefined && paramLists.has(strategyId) ? [paramLists.get(strategyId) ?? []] : [...paramLists.values()];
  // full name and unique short name → full name, over the strategies in scope
  const known = new Map<string, string>();
  for (const names of lists) {
    for (const [full, short] of shortParamNames(names)) {
      known.set(full, full);
      if (!known.has(short)) known.set(short, full);
    }
  }
  const words: string[] = [];
  const params: ParamFilter[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const m = TOKEN.exec(token);
    if (!m) {
      words.push(token);
      continue;
    }
    const full = known.get(m[1]);
    if (full === undefined) {
      const scope = strategyId !== undefined && paramLists.has(strategyId) ? ` of ${strategyId}` : '';
      const valid = [...new Set(lists.flat())].sort().slice(0, 30).join(', ');
      throw new PeakError('BAD_INPUT', `search "${token}": "${m[1]}" is not a parameter${scope} (valid: ${valid})`);
    }
    params.push({ name: full, value: parseValue(m[2], token) });
    if (params.length > MAX_FILTERS) throw new PeakError('BAD_INPUT', `search: at most ${MAX_FILTERS} parameter filters`);
  }
  return { text: words.join(' '), params };
}

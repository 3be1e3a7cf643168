/**
 * Annualised return, COMPOUNDED (geometric): (equityFinal / equityStart)^(P / m) − 1 for m per-bar returns and
 * P bars per year. Unlike the arithmetic mean·P (which showed −1,795 %/yr on volatile 1-minute data) it can
 * never fall below −100 %: an account that ends at or below zero is exactly −100 %. Undefined (null) when
 * there is no return to annualise (m = 0), no starting capital, or the figure overflows a double.
 */
export function geometricAnnualReturn(equityStart: number, equityFinal: number, nReturns: number, periodsPerYear: number): number | null {
  if (!(nReturns > 0) || !(equityStart > 0) || !(periodsPerYear > 0)) return null;
  if (equityFinal <= 0) return -1;
  const g = Math.pow(equityFinal / equityStart, periodsPerYear / nReturns) - 1;
  return Number.isFinite(g) ? g : null;
}

/** The same in percent (×100), null kept. */
export const geometricAnnualReturnPct = (e0: number, eFinal: number, nReturns: number, P: number): number | null => {
  const g = geometricAnnualReturn(e0, eFinal, nReturns, P);
  return g === null ? null : g * 100;
};

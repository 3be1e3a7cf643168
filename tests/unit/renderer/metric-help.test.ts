import { describe, expect, it } from 'vitest';
import { METRIC_HELP, metricHelp } from '../../../src/renderer/src/lib/metric-help';
import { MetricsSchema } from '../../../src/core/metrics/metrics';

describe('metric help', () => {
  it('explains every default-engine metric in words, never by its internal key', () => {
    for (const key of Object.keys(MetricsSchema.shape)) {
      const h = metricHelp(key);
      expect(h, key).toBeTruthy();
      if (/[A-Z]/.test(key)) expect(h, key).not.toContain(key); // camelCase keys are internal names
    }
    expect(Object.keys(METRIC_HELP).sort()).toEqual(Object.keys(MetricsSchema.shape).sort());
  });
  it('states the annualisation convention for Sharpe', () => {
    expect(metricHelp('sharpe')).toMatch(/365-day year for 24\/7 data/);
    expect(metricHelp('constructor')).toBeUndefined();
  });
});

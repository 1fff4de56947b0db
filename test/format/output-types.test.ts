import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Estimate } from '../../src/core/estimate.js';
import type { NetworkResult } from '../../src/core/network.js';
import type { ScenarioResult } from '../../src/core/scenario.js';
import type { SeriesResult } from '../../src/core/network-series.js';
import type { EstimateOutputSchema } from '../../src/contract/estimate.js';
import type {
  NetworkDocumentSchema,
  NetworkSeriesDocumentSchema,
  ScenarioDocumentSchema,
} from '../../src/contract/models.js';

/** True when two types are each assignable to the other; the type check (npm test) fails otherwise. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The estimate's type is the schema's own; the other documents' types are written in the core, and must stay the
// types their published schemas describe: a field added to one and not the other fails the type check.
const estimate: Same<z.output<typeof EstimateOutputSchema>, Estimate> = true;
const network: Same<z.output<typeof NetworkDocumentSchema>, NetworkResult> = true;
const series: Same<z.output<typeof NetworkSeriesDocumentSchema>, SeriesResult[]> = true;
const scenario: Same<z.output<typeof ScenarioDocumentSchema>, ScenarioResult> = true;

describe('the output schemas and the core types', () => {
  it('are the same types (checked by tsc; this only keeps the checks from being unused)', () => {
    expect([estimate, network, series, scenario]).toEqual([true, true, true, true]);
  });
});

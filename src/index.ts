/**
 * mining-energy as a library: load the data, estimate a region, rank a figure among countries; import a publisher's
 * file (CBECI's daily export and mining map, Coin Metrics' daily data) into a data directory.
 * @example
 *   import { estimate, loadData } from 'mining-energy';
 *   const data = await loadData();
 *   const [sichuan] = [estimate(data, 'sichuan', { year: 2024 })];
 */
export { ageWeight, CBECI_OVERHEADS, CBECI_PRICE_USD_PER_KWH, inService } from './core/network/bottom-up.js';
export {
  annualFactor,
  bottomUp,
  gwFromTwhPerYear,
  mtco2FromTwh,
  thresholdJPerTh,
  topDownTwh,
} from './core/checked-models.js';
export {
  alternativeTotals,
  type BasisChoice,
  chooseBasis,
  choosePeriod,
  findSeries,
  latestMeasuredYear,
  latestYear,
} from './core/network/basis.js';
export {
  BOTTOM_UP_OPTIONS,
  BOTTOM_UP_SERIES,
  bottomUpYearly,
  type ComputedSeries,
  computedSeriesOf,
  inputYears,
  precomputedBottomUp,
  type ReferenceRatio,
} from './core/network/computed-series.js';
export { CARBON_BRACKET_GCO2_PER_KWH, estimateCarbon, intensityMix } from './core/carbon/carbon.js';
export { type Catalogue, catalogue } from './core/catalogue.js';
export { CAVEATS, type Caveat, caveatsOf } from './core/common/caveats.js';
export {
  isCarbonWarning,
  type Warning,
  WARNING_CATALOGUE,
  WARNING_CODES,
  type WarningCode,
  type WarningLevel,
} from './core/common/warnings.js';
export { type ClaimResult, checkClaims, type Verdict } from './core/claims.js';
export { type Neighbour, neighbours, type Ranking, rankAmong } from './core/compare.js';
export { type Estimate, type EstimateOptions, estimate, regionsWithShares, type ShareLink } from './core/estimate.js';
export {
  type Change,
  type EstimateAllOptions,
  type EstimateRecord,
  type Remainder,
  type Skipped,
  changesBetween,
  estimateAll,
  estimateOrSkip,
  estimateYears,
  incomparableSources,
  remaindersOf,
  SUM_TOLERANCE_TWH,
} from './core/estimate-set.js';
export { weakestEvidence } from './core/common/evidence.js';
export { indexData, regionChain } from './core/regions/lookup.js';
export { resolveRegion } from './core/regions/names.js';
export { type NetworkResult, networkBottomUp, networkTopDown } from './core/network/network.js';
export { networkSeries, type SeriesInputRow, type SeriesResult } from './core/network/network-series.js';
export { type Move, type Redistribution, runScenario, type ScenarioResult } from './core/scenario/scenario.js';
export {
  intervalOf,
  simulateChanges,
  simulateEstimate,
  type UncertaintyOptions,
} from './core/uncertainty/uncertainty.js';
export type { ProgressCallback } from './core/common/progress.js';
export { type ShareMonth, type ShareSeries, shareSeries } from './core/shares/share-series.js';
export { chooseLink, type LinkChoice, type Partition, partitionOf } from './core/shares/shares.js';
export { chooseShare, type Obtained, type ShareChoice, shareSpreadPct } from './core/shares/share-model.js';
export { HOURS_PER_YEAR, roundSignificant } from './core/common/units.js';
export {
  CARBON_BASES,
  type CarbonBasis,
  COVERAGES,
  type Coverage,
  daysInYear,
  EVIDENCE,
  type Evidence,
} from './data/vocabulary.js';
export {
  DATA_FILE_NAMES,
  type DailyInputSource,
  type Dataset,
  mergeDatasets,
  NETWORK_INPUTS_FILE,
} from './data/dataset.js';
export { DailyInputs } from './data/daily-inputs.js';
export {
  CBECI_LICENCE,
  CBECI_PUBLISHER,
  type CbeciEnergy,
  type CbeciEnergyRecordOptions,
  cbeciEnergySeries,
  cbeciEnergySource,
  importCbeciEnergy,
} from './import/cbeci-energy.js';
export {
  type CoinMetricsInputs,
  type CoinMetricsOptions,
  type CoinMetricsSourceOptions,
  coinMetricsSource,
  importCoinMetrics,
  NETWORK_INPUTS_HEADER,
  type NetworkInputRow,
  renderNetworkInputs,
} from './import/coinmetrics.js';
export {
  CBECI_MINING_MAP_LABELS,
  importMiningMap,
  type LabelMatch,
  type MiningMap,
  type MiningMapOptions,
  type MiningMapSourceOptions,
  miningMapSource,
} from './import/mining-map.js';
export { importData, type ImportOptions, type ImportSummary, type WrittenFile } from './import/import-data.js';
export { IMPORT_KINDS, type ImportKind } from './import/kinds.js';
export { IMPORT_EVIDENCE, type ImportEvidence, type ImportFile } from './import/table.js';
export { type LoadDataOptions, loadData, shippedDataDir } from './data/load.js';
export { userDataDir, userDataDisabled } from './data/user-data.js';
export { checkReferences } from './data/references.js';
export type {
  Baseline,
  Hardware,
  BaselineValue,
  CarbonIntensity,
  Event,
  HashrateShare,
  NetworkSeries,
  NetworkValue,
  Region,
  Source,
} from './data/schemas.js';
export { loadSeeds } from './data/seeds.js';
export { DataError, UsageError } from './errors.js';
export { renderEstimatesCsv } from './format/documents/csv.js';
export { renderJson, renderNdjson } from './format/documents/json.js';

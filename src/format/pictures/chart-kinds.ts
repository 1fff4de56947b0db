/** The charts a report holds and `chart` draws alone, in the report's order. */
export const CHART_KINDS = ['energy', 'shares', 'network', 'neighbours', 'carbon'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** The kinds of file `data import` reads: CBECI's daily electricity export, its mining map, Coin Metrics' daily data. */
export const IMPORT_KINDS = ['cbeci-energy', 'cbeci-mining-map', 'coinmetrics'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

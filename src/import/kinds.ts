/** The kinds of file `data import` reads: CBECI's daily electricity export, its mining map, Coin Metrics' daily data. */
export const IMPORT_KINDS = ['cbeci-energy', 'cbeci-mining-map', 'coinmetrics'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** How an imported file can have been seen: the publisher's own download, or a copy of it (the default). */
export const IMPORT_EVIDENCE = ['primary', 'copy'] as const;
export type ImportEvidence = (typeof IMPORT_EVIDENCE)[number];

/** Hours in a year, CBECI's convention (365.25 × 24): annual TWh = average GW × 8.766. */
export const HOURS_PER_YEAR = 8_766;

/** Average power over a year from its energy. */
export function gwFromTwhPerYear(twh: number): number {
  return (twh * 1_000) / HOURS_PER_YEAR;
}

/** Mt CO2 from TWh and an intensity in g CO2 per kWh (1 TWh = 1e9 kWh; 1 Mt = 1e12 g). */
export function mtco2FromTwh(twh: number, gco2PerKwh: number): number {
  return (twh * gco2PerKwh) / 1_000;
}

/** Rounds to `digits` significant digits, leaving float noise out of output (29.659000000000002 → 29.659). */
export function roundSignificant(value: number, digits = 10): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

import { describe, expect, it } from 'vitest';
import {
  describeDistance,
  monthIndex,
  monthPeriod,
  monthsFromPeriod,
  yearPeriod,
} from '../../src/core/common/period.js';

describe('monthsFromPeriod', () => {
  it.each([
    ['2021-04', 2022, -9],
    ['2021-04', 2024, -33],
    ['2022-01', 2022, 0],
    ['2022-12', 2022, 0],
    ['2023-02', 2022, 2],
    ['2019-12', 2020, -1],
  ])('%s from the year %d is %d months', (month, year, expected) => {
    expect(monthsFromPeriod(month, yearPeriod(year))).toBe(expected);
  });

  it.each([
    ['2021-04', '2021-04', 0],
    ['2021-01', '2021-04', -3],
    ['2022-01', '2021-11', 2],
  ])('%s from the month %s is %d months', (month, target, expected) => {
    expect(monthsFromPeriod(month, monthPeriod(target))).toBe(expected);
  });

  it('orders months across years', () => {
    expect(monthIndex('2021-01') - monthIndex('2020-12')).toBe(1);
  });

  it('describes a distance in words', () => {
    expect(describeDistance(-9, yearPeriod(2022))).toBe('9 months before 2022');
    expect(describeDistance(1, monthPeriod('2021-06'))).toBe('1 month after 2021-06');
  });
});

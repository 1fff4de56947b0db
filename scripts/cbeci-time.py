#!/usr/bin/env python3
"""Runs CBECI's own service code over a daily series, for `npm run bench -- --cbeci <checkout>` to time.

    python3 scripts/cbeci-time.py <ccaf_cbeci_api>/api <series.csv> <hardware.json> [--print]

The series is a CSV with the columns date, hashrateEhs, revenueUsd (what `network --input` reads); the hardware list
is the tool's JSON. CBECI's EnergyConsumptionService (v1.3.1) is imported with the same stand-ins for its database
and configuration as scripts/cbeci-reference.py, and computes every day at 0.05 USD/kWh. The bench times the whole
process, Python's start-up and imports included, as it times `network --input` with Node's start-up included.
With --print it writes the results as JSON, one [date, min_power, guess_power, max_power, min_consumption,
guess_consumption, max_consumption] a day, every float as Python's shortest round-trip form, so the bench can check
the tool's results against them.

Needs what scripts/cbeci-reference.py needs: Python 3.9+, pandas and python-dateutil.
"""

import csv
import importlib.util
import json
import os
import sys

METRICS = ['min_power', 'guess_power', 'max_power', 'min_consumption', 'guess_consumption', 'max_consumption']


def load_reference():
    """scripts/cbeci-reference.py, whose name is no module name, as a module."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cbeci-reference.py')
    spec = importlib.util.spec_from_file_location('cbeci_reference', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_series(path):
    with open(path, encoding='utf-8', newline='') as f:
        return [{'date': r['date'], 'hashrateEhs': float(r['hashrateEhs']), 'revenueUsd': float(r['revenueUsd'])}
                for r in csv.DictReader(f)]


def main(argv):
    args = [a for a in argv[1:] if a != '--print']
    if len(args) != 3:
        sys.exit(__doc__)
    api_dir, series_path, hardware_path = args
    reference = load_reference()
    with open(hardware_path, encoding='utf-8') as f:
        hardware = json.load(f)
    rows = read_series(series_path)
    calculator, service = reference.load_cbeci(api_dir)
    repository = reference.StandInRepository(rows, hardware)
    results = list(service(calculator(), repository).calc_data(reference.PRICE_USD_PER_KWH))
    if len(results) != len(rows):
        sys.exit(f'CBECI gave {len(results)} days for {len(rows)} rows')
    if '--print' in argv:
        days = [[row['date'], *(float(result[m]) for m in METRICS)] for row, (_, result) in zip(rows, results)]
        json.dump(days, sys.stdout)


if __name__ == '__main__':
    main(sys.argv)

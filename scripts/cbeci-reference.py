#!/usr/bin/env python3
"""Writes the reference series that test/core/cbeci-reference.test.ts checks `network --input` against.

    python3 scripts/cbeci-reference.py <ccaf_cbeci_api>/api data/hardware.json test/fixtures/cbeci [days]

The first argument is the `api` folder of a checkout of CambridgeAltFin/ccaf_cbeci_api, the code behind CBECI's
API; nothing of it is copied here. This script builds a synthetic daily series (a fixed seed, so the same series
every time), feeds it to CBECI's own EnergyConsumptionService (v1.3.1: plain mean, five-year lifetime, 14-day
threshold average, 7-day average of the results, days without a profitable machine carried forward) through a
stand-in for its database, and writes:

    <out>/hardware.json  the hardware list used (a copy of the one given)
    <out>/series.csv     date, hashrateEhs, revenueUsd, then CBECI's six results for each day at 0.05 USD/kWh

Needs Python 3.9+, pandas and python-dateutil (on Debian: `apt-get update && apt-get install -y python3-pandas
python3-dateutil`), and a checkout of CBECI's repository as it is, nothing installed from it: its database and
configuration modules are replaced by stand-ins here, so neither psycopg2, pyyaml nor its CONFIG.yml is needed.
Tested on commit 0e28e81 (2024-03-28) under Python 3.11 and pandas 1.5; it writes the shipped fixture byte for byte.
"""

import csv
import json
import math
import os
import random
import shutil
import sys
import types
from datetime import datetime, timedelta, timezone

PRICE_USD_PER_KWH = 0.05
FIRST_DAY = datetime(2010, 7, 18, tzinfo=timezone.utc)
SEED = 20100718


def synthetic_series(days):
    """Hashrate rising from 1e-7 to about 600 EH/s; a threshold falling from 1e8 to about 30 J/TH with noise,
    a dip below every machine for the first 10 days and a 40-day crash that leaves none profitable for a while; revenue that implies that threshold."""
    rng = random.Random(SEED)
    rows = []
    for i in range(days):
        t = i / max(1, days - 1)
        log_hashrate = -7 + t * (math.log10(600) + 7) + rng.uniform(-0.02, 0.02)
        log_threshold = 8.3 - t * 6.8 + 0.35 * math.sin(i / 97) + rng.uniform(-0.15, 0.15)
        if i < 10:
            log_threshold = 6.8
        if 3000 <= i < 3040:
            log_threshold -= 3
        hashrate_ehs = float(f'{10 ** log_hashrate:.6g}')
        threshold = 10 ** log_threshold
        revenue = threshold * hashrate_ehs * 1e6 * 86400 * PRICE_USD_PER_KWH / 3.6e6
        rows.append({
            'date': (FIRST_DAY + timedelta(days=i)).strftime('%Y-%m-%d'),
            'hashrateEhs': hashrate_ehs,
            'revenueUsd': float(f'{revenue:.8g}'),
        })
    return rows


def midnight(date):
    return int(datetime.strptime(date, '%Y-%m-%d').replace(tzinfo=timezone.utc).timestamp())


class StandInRepository:
    """What CBECI's service reads from its database, from the synthetic series and the hardware list."""

    def __init__(self, rows, hardware):
        self.rows = rows
        self.hardware = hardware

    def get_miners(self):
        return [{
            'miner_name': m['model'],
            'unix_date_of_release': midnight(m['released']),
            'five_years_after_release': midnight(m['released']) + 157680000,
            'efficiency_j_gh': m['jPerTh'] / 1000,
            'type': None,
        } for m in self.hardware]

    def get_hash_rates(self):
        return [{'date': r['date'], 'timestamp': midnight(r['date']), 'value': r['hashrateEhs'] * 1e6} for r in self.rows]

    def get_prof_thresholds(self):
        # CBECI's stored threshold, J/GH at 0.05 USD/kWh: revenue per TH over the price of a joule, over 1,000.
        return [{
            'date': r['date'],
            'timestamp': midnight(r['date']),
            'value': (r['revenueUsd'] / (r['hashrateEhs'] * 1e6 * 86400)) / (PRICE_USD_PER_KWH / 3.6e6) / 1000,
        } for r in self.rows]


def drop_text_columns_before_rolling():
    """CBECI's code averages a frame that still holds a text `date` column. pandas 1 dropped such columns from a
    rolling mean; pandas 2 and later refuse them. Dropping them first gives pandas 1's result on any version."""
    import pandas as pd
    rolling = pd.DataFrame.rolling

    def numeric_rolling(self, *args, **kwargs):
        return rolling(self.select_dtypes(include='number'), *args, **kwargs)

    pd.DataFrame.rolling = numeric_rolling


class StandInConnection:
    """The connection names CBECI's repositories pass to their database layer; unused by the stand-in repository."""
    custom_data = 'custom_data'
    blockchain_data = 'blockchain_data'


def stand_in_config():
    """CBECI's `config` module reads CONFIG.yml (database credentials, absent from its repository) with pyyaml when
    imported; its repositories import it for the names below, which the stand-in repository never uses."""
    module = types.ModuleType('config')
    module.config = {}
    module.Connection = StandInConnection
    module.start_date = datetime(2010, 7, 18)
    module.DEFAULT_ELECTRICITY_PRICE = PRICE_USD_PER_KWH
    return module


def load_cbeci(api_dir):
    """Imports CBECI's service with stand-ins for the modules that reach its database and configuration."""
    drop_text_columns_before_rolling()
    sys.modules['config'] = stand_in_config()
    for name in ('components.energy_consumption.v1_1_1.energy_consumption_repository',
                 'components.energy_consumption.v1_3_1.energy_consumption_repository'):
        module = types.ModuleType(name)
        module.EnergyConsumptionRepository = StandInRepository
        sys.modules[name] = module
    helpers = types.ModuleType('helpers')
    helpers.get_hash_rates_by_miners_types = lambda typed, timestamp: {}
    sys.modules['helpers'] = helpers
    sys.path.insert(0, api_dir)
    from components.energy_consumption.energy_consumption_calculator import EnergyConsumptionCalculator
    from components.energy_consumption.v1_3_1.energy_consumption_service import EnergyConsumptionService
    return EnergyConsumptionCalculator, EnergyConsumptionService


def main(argv):
    if len(argv) not in (4, 5):
        sys.exit(__doc__)
    api_dir, hardware_path, out_dir = argv[1:4]
    days = int(argv[4]) if len(argv) == 5 else 5000
    with open(hardware_path, encoding='utf-8') as f:
        hardware = json.load(f)
    rows = synthetic_series(days)
    calculator, service = load_cbeci(api_dir)
    results = service(calculator(), StandInRepository(rows, hardware)).calc_data(PRICE_USD_PER_KWH)
    os.makedirs(out_dir, exist_ok=True)
    shutil.copyfile(hardware_path, os.path.join(out_dir, 'hardware.json'))
    metrics = ['min_power', 'guess_power', 'max_power', 'min_consumption', 'guess_consumption', 'max_consumption']
    with open(os.path.join(out_dir, 'series.csv'), 'w', newline='', encoding='utf-8') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(['date', 'hashrateEhs', 'revenueUsd', *metrics])
        for row, (_, result) in zip(rows, results):
            out.writerow([row['date'], repr(row['hashrateEhs']), repr(row['revenueUsd']),
                          *(f'{result[m]:.10g}' for m in metrics)])


if __name__ == '__main__':
    main(sys.argv)

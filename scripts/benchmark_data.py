"""Build the benchmark data set of a size with PostgreSQL COPY: `make benchmark-data BENCH_ARGS="--size small"`.

    .venv/bin/python scripts/benchmark_data.py [--size tiny|small|medium|national] [--seed 12] [--rebuild]

The data set lives in a database of its own, DATABASE_URL's database name +
`_bench_<size>`, created and migrated when missing. The build goes in steps
(organisation, families in chunks, kwesties, sessions, contacts in chunks,
access log in chunks), each one transaction recorded in the table bench_step:
stopped half-way, a rerun goes on with the next chunk. The indexes and foreign
keys of the contacts and the access log are dropped for the load and made
again at the end. Prints rows/s per step. See README, "Snelheid".
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdata.prepare import SEED, prepare
from benchdata.sizes import SIZES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--rebuild", action="store_true", help="drop the size's database and build it again")
    parser.add_argument(
        "--keep-indexes", action="store_true", help="load with the indexes and foreign keys in place (to compare)"
    )
    args = parser.parse_args()
    url = prepare(args.size, seed=args.seed, rebuild=args.rebuild, keep_indexes=args.keep_indexes)
    print(f"Data set ready: {url.rsplit('/', 1)[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

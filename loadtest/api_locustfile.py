"""Locust users for `make api-benchmark`: partner systems calling the API lists back to back.

Driven by scripts/api_benchmark.py, which passes the bearer token and the paths in
the environment (API_BENCH_TOKEN, API_BENCH_PATHS, comma-separated). No think time:
this measures how many calls per second the server answers, and how fast.
"""

import itertools
import os

from locust import FastHttpUser, task


class PartnerSystem(FastHttpUser):
    def on_start(self) -> None:
        self.headers = {"Authorization": f"Bearer {os.environ['API_BENCH_TOKEN']}", "Accept": "application/json"}
        self.paths = itertools.cycle(os.environ["API_BENCH_PATHS"].split(","))

    @task
    def call(self) -> None:
        path = next(self.paths)
        self.client.get(path, headers=self.headers, name=path)

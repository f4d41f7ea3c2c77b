"""Services of the tests' own, on free ports, to stop and start in the middle of a test.

Fault tests never touch the machine's PostgreSQL or Redis on their usual ports:
they start an extra instance here and stop only that one.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager

import redis

WAIT = 10  # seconds; every wait is bounded


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of the test's own: no persistence, its own port and directory."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="test-redis-")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen([*command, "--dir", self.dir], stdout=subprocess.DEVNULL)  # noqa: S603
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + WAIT
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=WAIT)
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def own_redis():
    server = OwnRedis()
    server.start()
    try:
        yield server
    finally:
        server.remove()


@contextmanager
def celery_broker(url: str):
    """Point the Celery app at another broker and result store for the block, then back.

    The app caches its connection pools and result backend; they are dropped on
    the way in and out so nothing keeps talking to the other server.
    """
    from config import celery_app

    conf = celery_app.conf
    saved = conf.broker_url, conf.result_backend

    def reset() -> None:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        celery_app._backend_cache = None
        celery_app._local.__dict__.pop("backend", None)

    reset()
    conf.broker_url, conf.result_backend = url, url
    try:
        yield celery_app
    finally:
        reset()
        conf.broker_url, conf.result_backend = saved


class OwnSmtp:
    """A local SMTP server (aiosmtpd) on a free port that keeps every message it accepted."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        from email import message_from_bytes

        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=WAIT)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

"""`parcours worker`: runs queued background tasks and, every minute, enqueues the
periodic jobs that are due. Stops cleanly on SIGTERM/SIGINT (between tasks)."""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from parcours.core.periodic import enqueue_due_jobs

logger = logging.getLogger("parcours.worker")


class Command(BaseCommand):
    help = "Run background tasks and periodic jobs until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then exit.")
        parser.add_argument(
            "--tick", type=float, default=60.0, help="Seconds between checks of periodic jobs."
        )

    def handle(self, *, once, tick, **options):
        stop = threading.Event()
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )

        def shutdown(signum, frame):
            logger.info("worker stopping")
            worker.running = False
            stop.set()

        signal.signal(signal.SIGTERM, shutdown)
        signal.signal(signal.SIGINT, shutdown)
        logger.info("worker started")
        next_tick = 0.0
        while not stop.is_set():
            if time.monotonic() >= next_tick:
                close_old_connections()
                enqueued = enqueue_due_jobs()
                if enqueued:
                    logger.info("periodic jobs enqueued: %s", ", ".join(enqueued))
                next_tick = time.monotonic() + tick
            worker.running = True
            worker.run()  # batch mode: runs every ready task, then returns
            close_old_connections()
            if once:
                break
            stop.wait(1.0)

"""A progress bar on stderr for long builds, silent when there is little to do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

SHOW_FROM = 10  # files: fewer finish before a bar would help


@contextmanager
def progress_bar() -> Iterator:
    """Yield a ``(phase, done, total)`` callback that drives a rich bar per phase."""
    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def update(phase: str, done: int, total: int) -> None:
        if total < SHOW_FROM:
            return
        if phase not in tasks:
            if not bar.live.is_started:
                bar.start()
            tasks[phase] = bar.add_task(phase, total=total)
        bar.update(tasks[phase], completed=done)

    try:
        yield update
    finally:
        if bar.live.is_started:
            bar.stop()

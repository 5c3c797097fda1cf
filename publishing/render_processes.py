"""Rendering a release's pages in several processes (`manage.py render_pages --processes`).

A release that changes a template renders every page again: over 200,000 pages at 10,000
roles, most of two hours in one process, which uses one core of a machine that has more.
Here the pages are handed out in blocks to N processes, each rendering and storing the
blocks it is given through publishing.services.site_render, as the one process would:

- a block is 50 addresses in the order site_render takes them (its batch), so each block
  reads and stores what one of its batches does, and a language's downloads form a block
  of their own (site_render renders a language's files together: split, two processes
  would render and write the same files);
- the blocks are dealt out in turn from a queue as the processes finish the ones before:
  each process gets role pages and lists alike, and none waits while another still has
  a long share;
- each block commits on its own, as before: the pages of a run that fails or is stopped
  stay stored, the rest keep the old release's pages, and readiness (publishing/health.py,
  every address stored by this release) says so until a run renders them all.

One process (or a database the children cannot reach: SQLite in memory, or a transaction
not committed yet, as in the tests) renders as render_pages always has.
"""

import concurrent.futures
import contextlib
import multiprocessing
import multiprocessing.util
import os
import sys
import traceback
from concurrent.futures.process import BrokenProcessPool

from django.db import connection, connections

from publishing.downloads import download_paths
from publishing.services import site_render

BLOCK = 50


class RenderingFailed(Exception):
    """What failed in the rendering processes (each message names its addresses)."""

    def __init__(self, failures, tracebacks, rendered):
        self.failures = failures
        self.tracebacks = tracebacks
        self.rendered = rendered
        super().__init__("; ".join(failures))


def usable_cores():
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))


def blocks_of(paths):
    """`paths` as the blocks the processes take in turn: the pages 50 at a time in
    site_render's order, then each language's downloads together."""
    files = set(download_paths())
    pages = sorted(path for path in paths if path not in files)
    blocks = [pages[start : start + BLOCK] for start in range(0, len(pages), BLOCK)]
    by_language = {}
    for path in sorted(path for path in paths if path in files):
        by_language.setdefault(path.split("/")[1], []).append(path)
    return blocks + list(by_language.values())


def _shared_with_children():
    """Whether processes forked now reach the same committed rows as this one."""
    if any(connections[alias].in_atomic_block for alias in connections):
        return False  # what this transaction wrote, a child would not see
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def render_in_processes(*, paths, processes, progress=None):
    """Render and store `paths` in `processes` processes; the number of pages. Raises
    RenderingFailed naming what failed (the other processes finish the blocks they hold
    and take no more)."""
    blocks = blocks_of(paths)
    processes = min(processes, len(blocks))
    if processes <= 1 or not _shared_with_children():
        return site_render(paths=paths, progress=progress)
    # SQLite has one writer, and site_render renders each batch inside its transaction
    # (IMMEDIATE: it holds the write lock from the start). Left to SQLite's busy timeout,
    # a process waits for the lock while another commits and at once takes it again for
    # its next batch, and after 20 s fails with "database is locked". They take turns here
    # instead (which on SQLite gains no time: its one writer renders).
    turns = multiprocessing.get_context("fork").Lock() if connection.vendor == "sqlite" else None
    # A child must not use a connection of the parent's (one socket, two processes, and
    # the child closing it at exit would close it for the parent too): none is open when
    # they fork, each child opens its own.
    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()  # else what is still buffered is written by every child too
    total, done, failures, tracebacks = len(paths), 0, [], []
    # Fork, not spawn: the children start as this process is, Django set up, templates and
    # catalogues loaded, the URLs resolved (a spawned one would take a second to start,
    # and would not run a test's replacement of a function). ProcessPoolExecutor starts
    # every process before its own thread when forking (the parent has none then), hands
    # the blocks out from one queue, and gives each block's exception back to the parent.
    # The initializer runs in each child before its first block.
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_child_starts,
        initargs=(turns,),
    ) as pool:
        futures = {pool.submit(_render_block, block): block for block in blocks}
        for future in concurrent.futures.as_completed(futures):
            block = futures[future]
            if future.cancelled():
                continue
            try:
                future.result()
            except BrokenProcessPool:
                failures.append(
                    "a rendering process ended without answering (killed, or out of memory?)"
                )
                break
            except Exception as error:  # reported with its addresses
                summary, *details = error.args or (repr(error),)
                failures.append(f"{summary} (in the {len(block)} pages from {block[0]})")
                tracebacks.extend(details)
                # The others finish the blocks they hold; the blocks not begun are left,
                # as an interrupted run leaves them. (Cancelled one by one: the pool's
                # shutdown(cancel_futures=True) cancels them without telling as_completed,
                # which then waited for ever.)
                for other in futures:
                    other.cancel()
                continue
            done += len(block)
            if progress:
                progress(done, total)
    if failures:
        raise RenderingFailed(failures, tracebacks, done)
    return total


_turns = None


def _child_starts(turns):
    """In each child, before its first block: the parent's lock for SQLite's turns, and
    its own connections closed when it exits (a pool's child ends with os._exit, which
    runs multiprocessing's finalizers but not atexit: PostgreSQL would log a lost client)."""
    global _turns
    _turns = turns
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=0)


def _render_block(block):
    """Render and store one block (in a child). Its error comes back to the parent as a
    plain exception holding its message and traceback: pickle cannot rebuild every
    exception (RenderFailed takes two arguments and keeps one message)."""
    try:
        with _turns or contextlib.nullcontext():
            site_render(paths=block)
    except Exception as error:
        raise RuntimeError(f"{type(error).__name__}: {error}", traceback.format_exc()) from None
    return len(block)

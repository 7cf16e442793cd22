"""The one exception ingestion raises for problems a user can fix (bad landing layout, unreadable files)."""

from __future__ import annotations


class IngestError(RuntimeError):
    """Ingestion cannot start or continue; the message names the path(s) and what to do about them.

    Raised before anything is written to Bronze whenever possible, so fixing the problem and re-running is
    always safe.
    """

"""Web pages of the signals app, split by concern. They read through ``visible_to`` and
write through ``signals.services``; every POST operation has its own small handler."""

from .lists import MINE_PAGE_SIZE

__all__ = ["MINE_PAGE_SIZE"]

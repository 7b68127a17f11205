"""Embedded default: SQLite, database search, Celery tasks in-process, mail on the console."""

from .base import *  # noqa: F401,F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)

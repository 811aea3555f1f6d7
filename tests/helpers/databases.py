"""Test databases: an SQLite file per test, and a fresh schema per test on the local PostgreSQL."""

from __future__ import annotations

import os
import uuid
from functools import cache

import psycopg

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_dsn() -> str:
    return PG_URL.replace("postgresql+psycopg://", "postgresql://")


@cache
def postgres_unavailable() -> str | None:
    """None when PostgreSQL answers; otherwise why not."""
    try:
        with psycopg.connect(_pg_dsn(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
    return None


def create_pg_schema() -> tuple[str, str]:
    """A new empty schema; returns (schema, URL whose search_path points at it)."""
    schema = "t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(_pg_dsn(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    return schema, f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def drop_pg_schema(schema: str) -> None:
    with psycopg.connect(_pg_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

"""The DuckDB store and every SQL statement Dateline runs."""

from .store import TABLE_COLUMNS, Store, part_columns, record_rows, record_tables

__all__ = ["TABLE_COLUMNS", "Store", "part_columns", "record_rows", "record_tables"]

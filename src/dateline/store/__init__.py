"""The DuckDB store and every SQL statement Dateline runs.

- `tables.py`: every table definition (the record's tables, the event index, fusion's tables);
- `store.py`: the connection, writing batches of records and reading them back;
- `browse.py`: the read-only queries the HTTP API and the web UI show (`event_filter.py`: the /events filters as
  SQL; `browse_map.py`: the map's grid counts, fatalities and the downloads);
- `exports.py`: the queries the export layouts are written from;
- `fusion.py`: the queries fusion runs (copies, fused events) and those that score it;
- `claims.py`: the queries that store contradicting claims.
"""

from .store import Store, record_rows, record_tables
from .tables import TABLE_COLUMNS, part_columns

__all__ = ["TABLE_COLUMNS", "Store", "part_columns", "record_rows", "record_tables"]

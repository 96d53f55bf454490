"""Running the per-batch extraction on every core (`local`) or on a Dask cluster (`dask`), and reading in a process
of its own (`iterate_in_process`)."""

from .local import iterate_in_process, map_batches

__all__ = ["iterate_in_process", "map_batches"]

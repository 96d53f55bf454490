"""Running the per-batch extraction on every core (`local`) or on a Dask cluster (`dask`)."""

from .local import map_batches

__all__ = ["map_batches"]

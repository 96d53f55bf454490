"""Package and pipeline versions.

PIPELINE_VERSION changes whenever an extractor's output may change, so that
`dateline reprocess` knows which stored records are stale.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = "0.7.0+boiler1.time1.geo7.actors3.claims11.counts5.events7.themes1.tone1"

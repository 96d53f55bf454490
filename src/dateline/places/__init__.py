"""Places: the gazetteer (names, points, admin areas) and what reads and builds it."""

"""Distances and bearings on the Earth: the one formula Dateline uses, in Python and as SQL.

>>> round(haversine_km(48.59, 37.99, 48.69, 38.07), 1)
12.6
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(48.59, 37.99, 48.69, 38.07), 1)
    12.6
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(a: tuple[float, float], b: tuple[float, float], km: float) -> bool:
    """Whether two (lat, lon) points lie at most `km` apart.

    >>> within_km((48.59, 37.99), (48.69, 38.07), 50), within_km((48.59, 37.99), (50.45, 30.52), 50)
    (True, False)
    """
    return haversine_km(a[0], a[1], b[0], b[1]) <= km


def haversine_sql(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """The same great-circle distance as a DuckDB SQL expression over four column names.

    >>> haversine_sql("a.lat", "a.lon", "b.lat", "b.lon").startswith("(2 * 6371.0088 * asin(")
    True
    """
    return (
        f"(2 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt("
        f"pow(sin(radians({lat2} - {lat1}) / 2), 2) + "
        f"cos(radians({lat1})) * cos(radians({lat2})) * pow(sin(radians({lon2} - {lon1}) / 2), 2)))))"
    )


def destination(point: tuple[float, float], km: float | None, bearing_deg: float | None) -> tuple[float, float]:
    """The point `km` away from `point` towards `bearing_deg` (0 = north); `point` itself without both.

    >>> [round(x, 2) for x in destination((48.59, 37.99), 11.1, 0)]
    [48.69, 37.99]
    """
    if not km or bearing_deg is None:
        return point
    lat, lon = map(math.radians, point)
    d, theta = km / EARTH_RADIUS_KM, math.radians(bearing_deg)
    lat2 = math.asin(math.sin(lat) * math.cos(d) + math.cos(lat) * math.sin(d) * math.cos(theta))
    lon2 = lon + math.atan2(math.sin(theta) * math.sin(d) * math.cos(lat), math.cos(d) - math.sin(lat) * math.sin(lat2))
    return math.degrees(lat2), math.degrees(lon2)


def polyline_km(point: tuple[float, float], line: list[tuple[float, float]]) -> float:
    """Distance in km from a point to the nearest segment of a line of (lat, lon) points, on a flat projection
    around the point (good to a few per cent within a few hundred km).

    >>> round(polyline_km((48.0, 37.0), [(47.0, 38.0), (49.0, 38.0)]))
    74
    """
    lat0 = math.radians(point[0])

    def xy(p: tuple[float, float]) -> tuple[float, float]:
        return (p[1] - point[1]) * 111.32 * math.cos(lat0), (p[0] - point[0]) * 110.57

    best = math.inf
    for a, b in zip(line, line[1:]):
        (ax, ay), (bx, by) = xy(a), xy(b)
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best

"""Independent reference figures for bordermap's tests (WGS84, GeographicLib).

Usage (from the repository root or anywhere):

    pip install geographiclib==2.1
    python3 tests/data/reference.py            # writes tests/data/reference.json, prints a summary

Inputs (repository copies, paths relative to the repo root):
    assets/data/iraq-syria-border-10m.geojson   Natural Earth 1:10m line, north -> south
    assets/data/iraq-syria-border-osm.geojson   OpenStreetMap line, north -> south
    assets/data/places.geojson                  GeoNames places (Point features, property "name")
    assets/data/context-10m.geojson             Natural Earth rivers (features with layer "river")

Model: each line is a chain of WGS84 geodesic segments between consecutive vertices
([lon, lat] as stored). Every distance is a GeographicLib Geodesic.WGS84.Inverse s12 in
metres; a point at distance s along segment i is Geodesic.WGS84.InverseLine(v_i, v_i+1)
.Position(s), i.e. Direct(v_i, azi1_i, s). Floats are written at full double precision.

Output reference.json:
{
  "meta": {"geographiclib": version, "ellipsoid": "WGS84", "a": ..., "f": ...,
           "tanf": {"lon": 38.61778, "lat": 33.50583}, "radius_m": 55000.0,
           "tolerance_m": 1e-6, "inputs": {key: "assets/data/..."}},
  "ne10m": {                      # and "osm" with the same keys
    "vertices": int,
    "total_m": float,             # sum of Inverse s12 over consecutive vertices
    "first": [lon, lat], "last": [lon, lat],
    "chainage_m": [float, ...],   # cumulative distance at each vertex (len == vertices, [0] == 0)
    "tanf_crossings": [           # where the 55 km geodesic circle round al-Tanf crosses the line,
      {"along_m": float,          #   ordered by along_m (m from the first, north, vertex)
       "lon": float, "lat": float,
       "segment": int,            #   index i of segment v_i -> v_i+1
       "entering": bool}          #   true if the line goes from outside to inside the circle here
    ],
    "tanf_to_ends_m": {"north": float, "south": float},   # Inverse(al-Tanf, first/last vertex)
    "places": {                   # nearest point on the line to each place
      name: {"along_m": float,    #   distance along the line from the first vertex
             "dist_m": float,     #   geodesic distance place -> snapped point
             "lon": float, "lat": float,   # snapped point
             "segment": int,      #   segment index i (v_i -> v_i+1) holding the point
             "vertex": int|null}  #   vertex index if the nearest point is a vertex, else null
    },
    "euphrates_crossings": [      # where the Euphrates river line crosses the border (one)
      {"intersection": [lon, lat],  # segment intersection, straight in lon/lat (RFC 7946)
       "border_segment": int,       #   border segment i (v_i -> v_i+1) it lies on
       "along_m": float, "dist_m": float, "lon": float, "lat": float,  # snapped, as "places"
       "segment": int, "vertex": int|null}
    ],
    "authority_2024_05_12_m": {   # lengths per class at 2024-05-12 (the default as-of date):
      "SDF": float,               #   start -> Euphrates crossing
      "Damascus government": float,  # Euphrates crossing -> first al-Tanf circle crossing
      "al-Tanf zone": float}      #   first al-Tanf circle crossing -> end
  },
  "checks": {...}                 # agreement of two independent nearest-point methods
}

Methods.
- Crossings: on each segment the distance d(s) from al-Tanf is split into monotone pieces at
  the roots of d'(s) (found by bracketing on a <= 500 m grid, then bisection); on each piece
  where d - 55000 changes sign the root is bisected until the bracket is <= 1e-7 m. A root at
  a shared vertex is counted once.
- River crossings: every segment of every feature named "Euphrates" (layer "river") of the
  context file is intersected with every border segment, both straight in lon/lat (the
  parametric segment intersection, ends included; parallel segments never cross); each
  intersection is then snapped to the border as a place is (below). Intersections less than
  1 m apart along the border are one crossing.
- Nearest point: d'(s) = -cos(azi(q->p) - azi_line(q)) (first variation of a geodesic's
  length when its end q moves along the segment); local minima are where d' goes from - to +
  (bisection, bracket <= 1e-7 m), plus both vertices. As an independent check, a
  golden-section search on d(s) over each segment (plus the vertices) is run too; the largest
  differences between the two are reported under "checks".
"""
import json
import math
import os
import sys

import geographiclib
from geographiclib.geodesic import Geodesic

W = Geodesic.WGS84
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
INPUTS = {
    "ne10m": "assets/data/iraq-syria-border-10m.geojson",
    "osm": "assets/data/iraq-syria-border-osm.geojson",
    "places": "assets/data/places.geojson",
    "context": "assets/data/context-10m.geojson",
}
RIVER = "Euphrates"
TANF = (38.61778, 33.50583)  # lon, lat (Wikipedia "Al-Tanf"; see shared SOURCES.md)
RADIUS = 55000.0
TOL = 1e-7  # bisection bracket, metres (reported tolerance 1e-6 m)
GRID = 500.0  # max sampling step for bracketing extrema of d(s), metres
GOLD = (math.sqrt(5) - 1) / 2


def load_line(rel):
    with open(os.path.join(ROOT, rel)) as f:
        fc = json.load(f)
    feats = fc["features"]
    assert len(feats) == 1 and feats[0]["geometry"]["type"] == "LineString", rel
    return [tuple(c[:2]) for c in feats[0]["geometry"]["coordinates"]]


def load_places(rel):
    with open(os.path.join(ROOT, rel)) as f:
        fc = json.load(f)
    out = []
    for ft in fc["features"]:
        assert ft["geometry"]["type"] == "Point"
        out.append((ft["properties"]["name"], tuple(ft["geometry"]["coordinates"][:2])))
    return out


def load_river(rel, name):
    """Every line (list of (lon, lat)) of the features named `name` with layer "river"."""
    with open(os.path.join(ROOT, rel)) as f:
        fc = json.load(f)
    out = []
    for ft in fc["features"]:
        p = ft["properties"]
        if p.get("layer") != "river" or p.get("name") != name:
            continue
        g = ft["geometry"]
        lines = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        out.extend([[tuple(c[:2]) for c in l] for l in lines])
    return out


def lonlat_intersection(p1, p2, q1, q2):
    """Intersection of segments p1p2 and q1q2, straight in lon/lat; None if none/parallel."""
    r = (p2[0] - p1[0], p2[1] - p1[1])
    s = (q2[0] - q1[0], q2[1] - q1[1])
    den = r[0] * s[1] - r[1] * s[0]
    if den == 0.0:
        return None
    q = (q1[0] - p1[0], q1[1] - p1[1])
    t = (q[0] * s[1] - q[1] * s[0]) / den
    u = (q[0] * r[1] - q[1] * r[0]) / den
    if 0.0 <= t <= 1.0 and 0.0 <= u <= 1.0:
        return (p1[0] + t * r[0], p1[1] + t * r[1])
    return None


def river_crossings(coords, cum, river):
    found = []
    for i in range(len(coords) - 1):
        for line in river:
            for k in range(len(line) - 1):
                x = lonlat_intersection(coords[i], coords[i + 1], line[k], line[k + 1])
                if x is None:
                    continue
                r = nearest(coords, cum, x)
                r["intersection"] = list(x)
                r["border_segment"] = i
                found.append(r)
    found.sort(key=lambda c: c["along_m"])
    out = []
    for c in found:
        if out and abs(c["along_m"] - out[-1]["along_m"]) < 1.0:
            continue
        out.append(c)
    return out


def inv(a, b):
    """Geodesic distance (m) between (lon, lat) points a and b."""
    return W.Inverse(a[1], a[0], b[1], b[0])["s12"]


class Segment:
    def __init__(self, a, b):
        self.a, self.b = a, b
        self.line = W.InverseLine(a[1], a[0], b[1], b[0])
        self.length = self.line.s13

    def pos(self, s):
        """(lon, lat, azimuth of the segment at s)."""
        if s <= 0.0:
            g = W.Inverse(self.a[1], self.a[0], self.b[1], self.b[0])
            return self.a[0], self.a[1], g["azi1"]
        if s >= self.length:
            g = W.Inverse(self.a[1], self.a[0], self.b[1], self.b[0])
            return self.b[0], self.b[1], g["azi2"]
        q = self.line.Position(s)
        return q["lon2"], q["lat2"], q["azi2"]

    def dist(self, p, s):
        lon, lat, _ = self.pos(s)
        return W.Inverse(p[1], p[0], lat, lon)["s12"]

    def ddist(self, p, s):
        """d/ds of the geodesic distance from p to the point at s."""
        lon, lat, azl = self.pos(s)
        g = W.Inverse(lat, lon, p[1], p[0])
        return -math.cos(math.radians(g["azi1"] - azl))

    def grid(self):
        n = max(2, int(math.ceil(self.length / GRID)))
        return [self.length * k / n for k in range(n + 1)]


def bisect(f, lo, hi, flo):
    """Root of f in [lo, hi] with sign(f(lo)) == sign(flo) != sign(f(hi)); bracket <= TOL."""
    while hi - lo > TOL:
        mid = 0.5 * (lo + hi)
        fm = f(mid)
        if fm == 0.0:
            return mid
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return 0.5 * (lo + hi)


def extrema(seg, p):
    """Interior extrema of d(s) on seg: list of (s, kind) with kind 'min' or 'max'."""
    out = []
    xs = seg.grid()
    ds = [seg.ddist(p, x) for x in xs]
    for k in range(len(xs) - 1):
        d0, d1 = ds[k], ds[k + 1]
        if d0 < 0 <= d1 and not (d1 == 0 and k + 1 == len(xs) - 1):
            out.append((bisect(lambda s: seg.ddist(p, s), xs[k], xs[k + 1], d0), "min"))
        elif d0 > 0 >= d1 and not (d1 == 0 and k + 1 == len(xs) - 1):
            out.append((bisect(lambda s: seg.ddist(p, s), xs[k], xs[k + 1], d0), "max"))
    return out


def chainage(coords):
    cum = [0.0]
    for i in range(len(coords) - 1):
        cum.append(cum[-1] + inv(coords[i], coords[i + 1]))
    return cum


def circle_crossings(coords, cum, center, radius):
    """Crossings of the geodesic circle (center, radius) with the geodesic polyline."""
    found = []
    for i in range(len(coords) - 1):
        seg = Segment(coords[i], coords[i + 1])
        f = lambda s: seg.dist(center, s) - radius  # noqa: E731
        cuts = [0.0] + [s for s, _ in extrema(seg, center)] + [seg.length]
        for lo, hi in zip(cuts[:-1], cuts[1:]):
            flo, fhi = f(lo), f(hi)
            if flo == 0.0 and (i > 0 or lo > 0.0):
                continue  # already counted as the end of the previous piece/segment
            if flo == 0.0:
                s = lo
            elif fhi == 0.0:
                s = hi
            elif (flo < 0) != (fhi < 0):
                s = bisect(f, lo, hi, flo)
            else:
                continue
            lon, lat, _ = seg.pos(s)
            entering = seg.ddist(center, s) < 0  # distance to the centre decreasing here
            found.append({"along_m": cum[i] + s, "lon": lon, "lat": lat, "segment": i,
                          "entering": bool(entering)})
    found.sort(key=lambda c: c["along_m"])
    return found


def nearest(coords, cum, p):
    """Nearest point on the polyline to p via d'(s) = 0 (bisection) plus the vertices."""
    best = None
    for i in range(len(coords) - 1):
        seg = Segment(coords[i], coords[i + 1])
        cands = [0.0, seg.length] + [s for s, kind in extrema(seg, p) if kind == "min"]
        for s in cands:
            d = seg.dist(p, s)
            if best is None or d < best[0]:
                lon, lat, _ = seg.pos(s)
                vtx = i if s == 0.0 else (i + 1 if s == seg.length else None)
                best = (d, cum[i] + s, lon, lat, i, vtx)
    d, along, lon, lat, i, vtx = best
    if vtx is not None:
        along = cum[vtx]
    return {"along_m": along, "dist_m": d, "lon": lon, "lat": lat, "segment": i, "vertex": vtx}


def nearest_golden(coords, cum, p):
    """Cross-check: golden-section search of d(s) on each segment plus the vertices."""
    best = None
    for i in range(len(coords) - 1):
        seg = Segment(coords[i], coords[i + 1])
        lo, hi = 0.0, seg.length
        x1, x2 = hi - GOLD * (hi - lo), lo + GOLD * (hi - lo)
        f1, f2 = seg.dist(p, x1), seg.dist(p, x2)
        while hi - lo > 1e-6:
            if f1 < f2:
                hi, x2, f2 = x2, x1, f1
                x1 = hi - GOLD * (hi - lo)
                f1 = seg.dist(p, x1)
            else:
                lo, x1, f1 = x1, x2, f2
                x2 = lo + GOLD * (hi - lo)
                f2 = seg.dist(p, x2)
        for s in (0.5 * (lo + hi), 0.0, seg.length):
            d = seg.dist(p, s)
            if best is None or d < best[0]:
                best = (d, cum[i] + s)
    return {"dist_m": best[0], "along_m": best[1]}


def main():
    places = load_places(INPUTS["places"])
    river = load_river(INPUTS["context"], RIVER)
    out = {"meta": {
        "geographiclib": geographiclib.__version__,
        "ellipsoid": "WGS84", "a": W.a, "f": W.f,
        "tanf": {"lon": TANF[0], "lat": TANF[1]}, "radius_m": RADIUS,
        "tolerance_m": 1e-6, "inputs": INPUTS,
    }}
    checks = {"golden_vs_derivative_max_abs_along_diff_m": 0.0,
              "golden_vs_derivative_max_abs_dist_diff_m": 0.0,
              "golden_minus_derivative_min_dist_m": 0.0}
    for key in ("ne10m", "osm"):
        coords = load_line(INPUTS[key])
        cum = chainage(coords)
        res = {
            "vertices": len(coords),
            "total_m": cum[-1],
            "first": list(coords[0]),
            "last": list(coords[-1]),
            "chainage_m": cum,
            "tanf_crossings": circle_crossings(coords, cum, TANF, RADIUS),
            "tanf_to_ends_m": {"north": inv(TANF, coords[0]), "south": inv(TANF, coords[-1])},
            "places": {},
        }
        for c in res["tanf_crossings"]:  # self-check: on the circle
            assert abs(inv(TANF, (c["lon"], c["lat"])) - RADIUS) < 1e-5, c
        for name, p in places:
            r = nearest(coords, cum, p)
            g = nearest_golden(coords, cum, p)
            checks["golden_vs_derivative_max_abs_along_diff_m"] = max(
                checks["golden_vs_derivative_max_abs_along_diff_m"], abs(g["along_m"] - r["along_m"]))
            checks["golden_vs_derivative_max_abs_dist_diff_m"] = max(
                checks["golden_vs_derivative_max_abs_dist_diff_m"], abs(g["dist_m"] - r["dist_m"]))
            checks["golden_minus_derivative_min_dist_m"] = min(
                checks["golden_minus_derivative_min_dist_m"], g["dist_m"] - r["dist_m"])
            res["places"][name] = r
        res["euphrates_crossings"] = river_crossings(coords, cum, river)
        assert len(res["euphrates_crossings"]) == 1, res["euphrates_crossings"]
        eu = res["euphrates_crossings"][0]["along_m"]
        tanf = res["tanf_crossings"][0]["along_m"]
        res["authority_2024_05_12_m"] = {
            "SDF": eu, "Damascus government": tanf - eu, "al-Tanf zone": cum[-1] - tanf}
        out[key] = res
    out["checks"] = checks

    path = os.path.join(HERE, "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")

    # ---- human-readable summary
    pr = print
    pr(f"geographiclib {geographiclib.__version__}, WGS84; wrote {os.path.relpath(path, ROOT)}")
    for key in ("ne10m", "osm"):
        r = out[key]
        pr(f"\n[{key}] {r['vertices']} vertices, total {r['total_m']:.6f} m "
           f"({r['first'][0]:.5f} {r['first'][1]:.5f} -> {r['last'][0]:.5f} {r['last'][1]:.5f})")
        pr(f"  al-Tanf to north end {r['tanf_to_ends_m']['north']:.6f} m, "
           f"to south end {r['tanf_to_ends_m']['south']:.6f} m")
        for c in r["tanf_crossings"]:
            pr(f"  55 km circle crossing: along {c['along_m']:.6f} m "
               f"(from south end {r['total_m'] - c['along_m']:.6f} m) at "
               f"{c['lon']:.7f} {c['lat']:.7f}, segment {c['segment']}, "
               f"{'entering' if c['entering'] else 'leaving'}")
        for c in r["euphrates_crossings"]:
            pr(f"  Euphrates crossing: along {c['along_m']:.6f} m, snapped from "
               f"{c['intersection'][0]:.7f} {c['intersection'][1]:.7f} ({c['dist_m']:.6f} m)")
        pr("  authority at 2024-05-12 (m): " + ", ".join(
            f"{k} {v:.3f}" for k, v in r["authority_2024_05_12_m"].items()))
        pr("  places (along m / snap distance m / snapped lon lat):")
        for name, v in r["places"].items():
            pr(f"    {name:<18} {v['along_m']:>14.3f} {v['dist_m']:>12.3f}  "
               f"{v['lon']:.6f} {v['lat']:.6f}")
    pr("\nchecks:", json.dumps(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())

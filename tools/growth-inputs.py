#!/usr/bin/env python3
"""Makes the growth inputs of docs/performance.md ("Growth"): N intervals on one layer,
a border of N shuffled two-point parts, and a context of N points (one line of N vertices).

    tools/growth-inputs.py DIR            # writes DIR/{intervals,parts,context}-N.* at 3 sizes
    tools/growth-inputs.py DIR 1000 5000  # other sizes

Same arguments, same bytes (fixed seed). Time each with tools/growth.sh.
"""
import json, os, random, sys

BORDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "data",
                      "iraq-syria-border-10m.geojson")


def intervals(path, n):
    # n consecutive intervals of one layer over the first 590 km, values cycling A/B/C,
    # every tenth one overlapping its neighbour by 1 m (a priority decides it).
    step = 590.0 / n
    with open(path, "w") as f:
        f.write('[dataset]\ntitle = "Growth: %d intervals"\nborder = %s\nas_of = 2024-05-12\n\n'
                % (n, json.dumps(os.path.abspath(BORDER))))
        f.write('[[layer]]\nid = "authority"\ntitle = "Held by"\n\n')
        for i in range(n):
            a = i * step
            b = (i + 1) * step + (0.001 if i % 10 == 9 else 0.0)
            f.write('[[layer.interval]]\nvalue = "%s"\nfrom = { km = %.6f }\nto = { km = %.6f }\n'
                    'as_of = 2024-05-12\npriority = %d\nsource = "Gen, 2024-05-12: stretch %d"\n\n'
                    % ("ABC"[i % 3], a, min(b, 590.0), i % 2, i))


def chain(n):
    # n+1 vertices of a gently zigzagging line from 38°E 33°N towards the north-east.
    return [[38.0 + i * 4.0 / n, 33.0 + i * 4.0 / n + (0.0005 if i % 2 else 0.0)]
            for i in range(n + 1)]


def parts(path, n):
    pts = chain(n)
    feats = [{"type": "Feature", "properties": {},
              "geometry": {"type": "LineString", "coordinates": [pts[i], pts[i + 1]]}}
             for i in range(n)]
    random.Random(n).shuffle(feats)
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f)


def context(path, n):
    pts = [[38.0 + i * 4.0 / n, 34.0 + 0.3 * ((i * 7919) % 97) / 97.0] for i in range(n)]
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"layer": "river", "name": "Gen"},
             "geometry": {"type": "LineString", "coordinates": pts}}]}, f)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sizes = [int(s) for s in sys.argv[2:]]
    for n in sizes or [10000, 30000, 100000]:
        intervals(os.path.join(out, "intervals-%d.toml" % n), n)
    for n in sizes or [5000, 10000, 20000]:
        parts(os.path.join(out, "parts-%d.geojson" % n), n)
    for n in sizes or [30000, 100000, 300000]:
        context(os.path.join(out, "context-%d.geojson" % n), n)


main()

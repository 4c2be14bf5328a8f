#!/usr/bin/env bash
# Compares every kind of output of two bordermap binaries, byte for byte: the grid of --size
# presets on the embedded border, the OSM line, --between borders, languages, dates, themes,
# fragments, text as paths, PNG, PDF, diff and timeline maps, the timeline page, resolution
# and an atlas. Run it against the previous commit's binary before and after a change that
# must not change outputs:
#
#   git worktree add /tmp/base HEAD~1 && (cd /tmp/base && cargo build --release)
#   cargo build --release
#   tools/compare-outputs.sh /tmp/base/target/release/bordermap target/release/bordermap
#
# stdout, stderr (warnings and errors), the exit code and every file written are compared.
# Prints one line per case (`same` or `DIFFERS`, with the sha256 of each output) and exits 1
# when any case differs or either binary fails where the other does not.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 OLD_BINARY NEW_BINARY" >&2
  exit 2
fi
old=$(readlink -f "$1")
new=$(readlink -f "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A small countries file for the atlas: three squares sharing edges, and one without a name.
cat >"$work/squares.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Aland","iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type":"Feature","properties":{"name":"Bland","iso_a3":"BBB"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}},
{"type":"Feature","properties":{"name":"Cland"},"geometry":{"type":"Polygon","coordinates":[[[0,1],[1,1],[2,1],[2,2],[0,2],[0,1]]]}},
{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[2,1],[3,1],[3,2],[2,2],[2,1]]]}}]}
EOF

# name | arguments (the output file is the last argument; `out.*` is replaced per binary).
cases=(
  "default|render -o out.svg"
  "web|render --size web -o out.svg"
  "inline|render --size inline -o out.svg"
  "phone|render --size phone -o out.svg"
  "social|render --size social -o out.svg"
  "square|render --size square -o out.svg"
  "a4|render --size a4 -o out.svg"
  "small-page|render --width 320 --height 320 -o out.svg"
  "tall-page|render --width 400 --height 1400 -o out.svg"
  "osm|render @iraq-syria-osm -o out.svg"
  "osm-phone|render @iraq-syria-osm --size phone -o out.svg"
  "between-iraq-jordan|render --between Iraq,Jordan -o out.svg"
  "between-kenya-tanzania|render --between Kenya,Tanzania -o out.svg"
  "between-germany-poland-phone|render --between Germany,Poland --width 360 --height 640 -o out.svg"
  "between-armenia-azerbaijan|render --between Armenia,Azerbaijan -o out.svg"
  "lang-ar|render --lang ar -o out.svg"
  "lang-ar-phone|render --lang ar --size phone --as-of 2026-11-30 -o out.svg"
  "lang-ku|render --lang ku -o out.svg"
  "lang-tr|render --lang tr -o out.svg"
  "lang-tr-kenya|render --between Kenya,Tanzania --width 800 --height 500 --lang tr -o out.svg"
  "lang-ar-digits|render --lang ar --digits arab -o out.svg"
  "as-of-2024|render --as-of 2024-01-01 -o out.svg"
  "as-of-2025|render --as-of 2025-10-16 -o out.svg"
  "as-of-2026|render --as-of 2026-11-30 -o out.svg"
  "as-of-2026-phone|render --as-of 2026-11-30 --size phone -o out.svg"
  "theme-dark|render --theme dark -o out.svg"
  "theme-print|render --theme print --size a4 -o out.svg"
  "fragment|render --fragment --id-prefix m1 -o out.svg"
  "text-as-paths|render --text-as-paths -o out.svg"
  "extent-context|render --extent context -o out.svg"
  "simplify|render --simplify 2 -o out.svg"
  "png|render -o out.png"
  "png-phone-ar|render --size phone --lang ar -o out.png"
  "pdf|render -o out.pdf"
  "pdf-a4-ar|render --size a4 --lang ar -o out.pdf"
  "diff-map|diff --from 2024-05-12 --to 2026-11-30 -o out.svg"
  "diff-map-phone|diff --from 2024-05-12 --to 2026-11-30 --size phone -o out.svg"
  "diff-json|diff --from 2024-05-12 --to 2026-11-30 -f json -o out.json"
  "timeline-chart|timeline -o out.svg"
  "timeline-chart-ar|timeline --lang ar -o out.svg"
  "timeline-page|timeline -o out.html"
  "timeline-csv|timeline -f csv -o out.csv"
  "measure-json|measure --format json"
  "measure-csv|measure --format csv"
  "measure-geojson|measure --format geojson"
  "check-junit|check -e total>600km --format junit"
  "resolution-svg|resolution --between Iraq,Syria -f svg -o out.svg"
  "resolution-table|resolution --between Iraq,Syria"
  "resolution-csv|resolution --between Iraq,Jordan -f csv"
  "atlas|atlas SQUARES -o atlasdir"
)

status=0
run_case() { # binary dir args...
  local bin=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  (cd "$dir" && "$bin" "$@" >stdout 2>stderr; echo $? >rc)
}
digest() { # dir
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}
for c in "${cases[@]}"; do
  name=${c%%|*}
  read -r -a args <<<"${c#*|}"
  for i in "${!args[@]}"; do
    [ "${args[$i]}" = SQUARES ] && args[$i]="$work/squares.geojson"
  done
  run_case "$old" "$work/old/$name" "${args[@]}"
  run_case "$new" "$work/new/$name" "${args[@]}"
  a=$(digest "$work/old/$name")
  b=$(digest "$work/new/$name")
  rc=$(cat "$work/new/$name/rc")
  if [ "$a" = "$b" ]; then
    printf '%-32s same     %s (exit %s)\n' "$name" "$a" "$rc"
  else
    printf '%-32s DIFFERS  %s vs %s\n' "$name" "$a" "$b"
    diff -r "$work/old/$name" "$work/new/$name" | head -5
    status=1
  fi
done
echo "${#cases[@]} cases compared"
exit $status

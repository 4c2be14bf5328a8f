# bordermap's UI strings, English (the reference: every other locale translates these keys;
# a key missing there falls back to this file, with a warning naming it).
# Placeables are filled by bordermap, already formatted for the locale: { $km } is a number
# with its unit ("599.3 km"), { $date } a date ("12 May 2024"), { $share } a percentage.

## Units and numbers
length-km = { $n } km
share-percent = { $n } %
# A latitude or longitude: { $deg } is a number ("35.2").
deg-north = { $deg }° N
deg-south = { $deg }° S
deg-east = { $deg }° E
deg-west = { $deg }° W

## Title block
# The border's name for a border of two countries from the world basemap.
border-of = { $a }–{ $b } border
subtitle = { $border }: { $length }
subtitle-as-of = { $border }: { $length }, as of { $date }
diff-title = { $title }: what changed from { $from } to { $to }
diff-subtitle = { $border }: { $changed } of { $total } changed between { $from } and { $to }.

## Legend
legend-total = Total
legend-lengths = Lengths: geodesic, WGS84
legend-unchanged = unchanged
legend-disputed = disputed: { $values }
no-data = (no data)

## Scale bar and north arrow
scale-true-at = Scale true at { $lat }
scale-varies = Scale varies across the map: no scale bar
north-arrow = North arrow: true north at the map centre

## Footer
footer-sources = Sources: { $list }
footer-not-drawn = Claims with no stretch given (not drawn): { $list }
footer-notes = Notes: { $list }.
footer-data = Data: { $list } · Map: bordermap
footer-data-short = Data: { $list } · bordermap
source-not-given = source not given
note-approximate = Some change points are approximate: where a source names only a town, the change is placed at the border point nearest it
note-approximate-short = some change points approximate
note-simplified = drawn simplified (tolerance { $px } px); lengths from the full-resolution line

## Accessible description (the SVG's <desc>)
desc-map = Map of the { $border } ({ $length }, geodesic on WGS84)
desc-editor-notes = Notes for the editor: { $list }.
desc-as-of = as of { $date }
desc-marker = Marked on the map: { $label } ({ $where }).
desc-callout = Callout: { $text }.
desc-highlight = Highlighted: { $title } ({ $from } to { $to } along the border).

## Timeline chart
chart-subtitle = { $border }: km by date, { $from } to { $to }. Each date's lengths hold until the next. Lengths geodesic (WGS84).

## Tooltips and the diff legend
# A segment's tooltip: { $values } its values, { $from } and { $to } km along the border.
segment-tooltip = { $values } — { $length }, km { $from } to { $to }
change-tooltip = { $layer }: { $change } — { $length }, km { $from } to { $to }
diff-legend-header = { $layer }, { $from } to { $to }
# The letter on the north arrow.
north-letter = N
note-untagged-long = { $count } feature(s) of { $file } carry layer values without "as_of" or "source" (an undated claim holds at every date, below any dated claim)
# The border's file, where the data names no source for it.
credit-border = Border: { $file }
chart-desc = Chart of the { $border } ({ $length }) by date, { $from } to { $to }
# Notes: a layer whose newest source is older than the map's date; a stretch no claim covers.
note-stale = { $layer }: the newest source is of { $newest }, older than the map's date, { $date }: the data may be out of date
note-gap = { $layer }: no value from km { $from } to km { $to }

# bordermap's UI strings, Kurdish (Kurmanji, Latin script).
# Translated by the bordermap project (machine-assisted, not by a professional translator), 2026-11-30.
# Corrections are welcome: edit this file (keep the keys and the placeables) or open an issue.
# The reference is en.ftl: a key missing here falls back to English, with a warning naming it.
# Choices: percent "%{ $n }" (CLDR ku percent format "%#,##0", sign before the number);
# directions written out in lower case (bakur, başûr, rojhilat, rojava): Kurmanji has no
# established map abbreviations for them, and "Rojava" capitalised would read as the region.
# Country names in { $a }/{ $b } come from i18n-iso-countries uninflected, so "Sînorê { $a }–{ $b }"
# gives e.g. "Sînorê Iraq–Sûrî" where hand-written text has "Sînorê Iraq–Sûriyê" (the layers
# file's border_names has that form for the Iraq–Syria border).

## Units and numbers
length-km = { $n } km
share-percent = %{ $n }
# A latitude or longitude: { $deg } is a number ("35.2").
deg-north = { $deg }° bakur
deg-south = { $deg }° başûr
deg-east = { $deg }° rojhilat
deg-west = { $deg }° rojava

## Title block
# The border's name for a border of two countries from the world basemap.
border-of = Sînorê { $a }–{ $b }
subtitle = { $border }: { $length }
subtitle-as-of = { $border }: { $length }, heta { $date }
diff-title = { $title }: çi di navbera { $from } û { $to } de guherî
diff-subtitle = { $border }: di navbera { $from } û { $to } de { $changed } ji { $total } guherî.

## Legend
legend-total = Giştî
legend-lengths = Dirêjahî: jeodezîk, WGS84
legend-unchanged = neguherî
legend-disputed = nakokî: { $values }
no-data = (dane tune)

## Scale bar and north arrow
scale-true-at = Pîvan li { $lat } rast e
scale-varies = Pîvan li seranserê nexşeyê diguhere: barika pîvanê tune
north-arrow = Tîra bakur: bakurê erdnîgarî li navenda nexşeyê

## Footer
footer-sources = Çavkanî: { $list }
footer-not-drawn = Îdîayên ku beşeke sînor diyar nakin (nehatine xêzkirin): { $list }
footer-notes = Têbînî: { $list }.
footer-data = Dane: { $list } · Nexşe: bordermap
footer-data-short = Dane: { $list } · bordermap
source-not-given = çavkanî nehatiye dayîn
note-approximate = Hin xalên guherînê nêzîkî ne: li cihê ku çavkanî tenê navê bajarokekî dide, guherîn li xala sînor a herî nêzîkî wî tê danîn
note-approximate-short = hin xalên guherînê nêzîkî ne
note-simplified = bi awayekî sadekirî hatiye xêzkirin (tolerans { $px } px); dirêjahî ji xeta bi çareseriya tevahî ne

## Accessible description (the SVG's <desc>)
desc-map = Nexşeya { $border } ({ $length }, jeodezîk li ser WGS84)
desc-editor-notes = Têbînî ji bo edîtor: { $list }.
desc-as-of = heta { $date }
desc-marker = Li ser nexşeyê nîşankirî: { $label } ({ $where }).
desc-callout = Têbînî: { $text }.
desc-highlight = Berçavkirî: { $title } (ji { $from } heta { $to } li ser sînor).

## Timeline chart
chart-subtitle = { $border }: km li gorî dîrokê, ji { $from } heta { $to }. Dirêjahiyên her dîrokê heta dîroka din derbasdar in. Dirêjahî jeodezîk in (WGS84).

## Tooltips and the diff legend
# A segment's tooltip: { $values } its values, { $from } and { $to } km along the border.
segment-tooltip = { $values } — { $length }, ji km { $from } heta km { $to }
change-tooltip = { $layer }: { $change } — { $length }, ji km { $from } heta km { $to }
diff-legend-header = { $layer }, ji { $from } heta { $to }
# The letter on the north arrow (B, bakur).
north-letter = B
note-untagged-long = { $count } hêman di { $file } de bê "as_of" an "source" nirxên qatan hildigirin (îdîayeke bê dîrok di her dîrokê de derbasdar e, li binê her îdîayeke bi dîrok)
# The border's file, where the data names no source for it.
credit-border = Sînor: { $file }
chart-desc = Grafîka { $border } ({ $length }) li gorî dîrokê, ji { $from } heta { $to }
note-stale = { $layer }: çavkaniya herî nû ya { $newest } e, ji dîroka nexşeyê ({ $date }) kevntir e: dibe ku dane kevn bin
note-gap = { $layer }: ji km { $from } heta km { $to } tu nirx tune

# bordermap's UI strings, Turkish.
# Translated by the bordermap project (machine-assisted, not by a professional translator), 2026-11-30.
# Corrections are welcome: edit this file (keep the keys and the placeables) or open an issue.
# The reference is en.ftl: a key missing here falls back to English, with a warning naming it.
# Choices: percent "%{ $n }" (CLDR tr percent format "%#,##0", sign before the number);
# directions abbreviated K/G/D/B (Kuzey, Güney, Doğu, Batı) as on Turkish maps.

## Units and numbers
length-km = { $n } km
share-percent = %{ $n }
# A latitude or longitude: { $deg } is a number ("35.2").
deg-north = { $deg }° K
deg-south = { $deg }° G
deg-east = { $deg }° D
deg-west = { $deg }° B

## Title block
# The border's name for a border of two countries from the world basemap.
border-of = { $a }–{ $b } sınırı
subtitle = { $border }: { $length }
subtitle-as-of = { $border }: { $length }, { $date } itibarıyla
diff-title = { $title }: { $from } ile { $to } arasında neler değişti
diff-subtitle = { $border }: { $from } ile { $to } arasında { $total } içinden { $changed } değişti.

## Legend
legend-total = Toplam
legend-lengths = Uzunluklar: jeodezik, WGS84
legend-unchanged = değişmedi
legend-disputed = tartışmalı: { $values }
no-data = (veri yok)

## Scale bar and north arrow
scale-true-at = Ölçek { $lat } enleminde doğrudur
scale-varies = Ölçek harita boyunca değişir: ölçek çubuğu yok
north-arrow = Kuzey oku: harita merkezinde coğrafi kuzey

## Footer
footer-sources = Kaynaklar: { $list }
footer-not-drawn = Sınır kesimi belirtilmeyen iddialar (çizilmedi): { $list }
footer-notes = Notlar: { $list }.
footer-data = Veri: { $list } · Harita: bordermap
footer-data-short = Veri: { $list } · bordermap
source-not-given = kaynak belirtilmedi
note-approximate = Bazı değişim noktaları yaklaşıktır: kaynak yalnızca bir yerleşim adı verdiğinde, değişim sınırın o yere en yakın noktasına yerleştirilir
note-approximate-short = bazı değişim noktaları yaklaşık
note-simplified = sadeleştirilerek çizildi (tolerans { $px } px); uzunluklar tam çözünürlüklü çizgiden

## Accessible description (the SVG's <desc>)
desc-map = { $border } haritası ({ $length }, WGS84 üzerinde jeodezik)
desc-editor-notes = Editör için notlar: { $list }.
desc-as-of = { $date } itibarıyla
desc-marker = Haritada işaretli: { $label } ({ $where }).
desc-callout = Not: { $text }.
desc-highlight = Vurgulanan: { $title } (sınır boyunca { $from } ile { $to } arası).

## Timeline chart
chart-subtitle = { $border }: tarihe göre km, { $from } – { $to }. Her tarihin uzunlukları bir sonraki tarihe kadar geçerlidir. Uzunluklar jeodeziktir (WGS84).

## Tooltips and the diff legend
# A segment's tooltip: { $values } its values, { $from } and { $to } km along the border.
segment-tooltip = { $values } — { $length }, km { $from } ile { $to } arası
change-tooltip = { $layer }: { $change } — { $length }, km { $from } ile { $to } arası
diff-legend-header = { $layer }, { $from } – { $to }
# The letter on the north arrow (K, Kuzey).
north-letter = K
note-untagged-long = { $file } dosyasında { $count } öğe "as_of" ya da "source" olmadan katman değeri taşıyor (tarihsiz bir iddia her tarihte geçerlidir, tarihli iddiaların altında kalır)
# The border's file, where the data names no source for it.
credit-border = Sınır: { $file }
chart-desc = Tarihe göre { $border } grafiği ({ $length }), { $from } – { $to }
note-stale = { $layer }: en yeni kaynak { $newest } tarihli, harita tarihinden ({ $date }) eski: veriler güncel olmayabilir
note-gap = { $layer }: km { $from } ile km { $to } arasında değer yok

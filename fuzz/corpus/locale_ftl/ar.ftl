# bordermap's UI strings, Arabic (Modern Standard Arabic).
# Written without short-vowel marks (tashkeel), as Arabic news sites write.
# Translated by the bordermap project (machine-assisted, not by a professional translator), 2026-11-30.
# Corrections are welcome: edit this file (keep the keys and the placeables) or open an issue.
# The reference is en.ftl: a key missing here falls back to English, with a warning naming it.
# Choices: percent "{ $n }%" (CLDR ar: number then sign, no space; with Western digits, bordermap's
# default --digits latn, CLDR's sign is "%", as Al Jazeera and most Arabic news sites write it;
# with --digits arab CLDR uses "٪", so a locale file for arab digits may write "{ $n }٪"); km is "كم";
# directions are written out as newspapers write them ("35.2° شمالاً"), since single letters
# (ش for both شمال and شرق) would be ambiguous.

## Units and numbers
length-km = { $n } كم
share-percent = { $n }%
# A latitude or longitude: { $deg } is a number ("35.2").
deg-north = { $deg }° شمال
deg-south = { $deg }° جنوب
deg-east = { $deg }° شرق
deg-west = { $deg }° غرب

## Title block
# The border's name for a border of two countries from the world basemap.
border-of = الحدود بين { $a } و{ $b }
subtitle = { $border }: { $length }
subtitle-as-of = { $border }: { $length }، حتى { $date }
diff-title = { $title }: ما الذي تغير بين { $from } و{ $to }
diff-subtitle = { $border }: تغير { $changed } من أصل { $total } بين { $from } و{ $to }.

## Legend
legend-total = المجموع
legend-lengths = الأطوال: جيوديسية، WGS84
legend-unchanged = دون تغيير
legend-disputed = متنازع عليه: { $values }
# Without brackets: usvg 0.49 panics laying out "(" before a lam-alef ligature ("(لا").
no-data = لا توجد بيانات

## Scale bar and north arrow
scale-true-at = المقياس صحيح عند { $lat }
scale-varies = يتفاوت المقياس عبر الخريطة: لا يوجد شريط مقياس
north-arrow = سهم الشمال: الشمال الجغرافي في مركز الخريطة

## Footer
footer-sources = المصادر: { $list }
footer-not-drawn = معلومات لم يحدد فيها مقطع من الحدود (غير مرسومة): { $list }
footer-notes = ملحوظات: { $list }.
footer-data = البيانات: { $list } · الخريطة: bordermap
footer-data-short = البيانات: { $list } · bordermap
source-not-given = المصدر غير مذكور
note-approximate = بعض نقاط التغير تقريبية: حين لا يذكر المصدر سوى اسم بلدة، توضع نقطة التغير عند أقرب نقطة إليها على الحدود
note-approximate-short = بعض نقاط التغير تقريبية
note-simplified = مرسومة بشكل مبسط (هامش التبسيط { $px } بكسل)؛ الأطوال محسوبة من الخط بدقته الكاملة

## Accessible description (the SVG's <desc>)
desc-map = خريطة { $border } ({ $length }، جيوديسيا على WGS84)
desc-editor-notes = ملحوظات للمحرر: { $list }.
desc-as-of = حتى { $date }
desc-marker = معلَّم على الخريطة: { $label } ({ $where }).
desc-callout = تعليق: { $text }.
desc-highlight = مُبرَز: { $title } (من { $from } إلى { $to } على طول الحدود).

## Timeline chart
chart-subtitle = { $border }: كم حسب التاريخ، من { $from } إلى { $to }. تبقى أطوال كل تاريخ سارية حتى التاريخ التالي. الأطوال جيوديسية (WGS84).

## Tooltips and the diff legend
# A segment's tooltip: { $values } its values, { $from } and { $to } km along the border.
segment-tooltip = { $values } — { $length }، من الكيلومتر { $from } إلى { $to }
change-tooltip = { $layer }: { $change } — { $length }، من الكيلومتر { $from } إلى { $to }
diff-legend-header = { $layer }، من { $from } إلى { $to }
# The letter on the north arrow (ش, as on Arabic maps: only north is marked there).
north-letter = ش
note-untagged-long = عناصر في { $file } تحمل قيم طبقات بلا "as_of" أو "source": { $count } (المعلومة غير المؤرخة تسري في كل تاريخ، بأولوية أدنى من أي معلومة مؤرخة)
# The border's file, where the data names no source for it.
credit-border = الحدود: { $file }
chart-desc = مخطط { $border } ({ $length }) حسب التاريخ، من { $from } إلى { $to }
note-stale = { $layer }: أحدث مصدر بتاريخ { $newest }، أقدم من تاريخ الخريطة، { $date }: قد تكون البيانات قديمة
note-gap = { $layer }: لا قيمة من الكيلومتر { $from } إلى الكيلومتر { $to }

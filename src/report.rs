//! Reports of a [`Measured`] border: a table for people, and JSON, CSV and GeoJSON for
//! programs. Writers take any `io::Write`; numbers are written at fixed precision (metres to
//! the millimetre, shares to 6 decimals), so output is byte-identical for the same input.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::measure::{METHOD, Measured};

/// Rounds metres to the millimetre for output; never negative zero (an empty sum is -0.0
/// in Rust, and `-0.0004` rounds to it), so a length of nothing is written `0`.
pub fn mm(x: f64) -> f64 {
    let r = (x * 1000.0).round() / 1000.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Metres to the millimetre as CSV text (`12.346`); never `-0.000` (a negative length that
/// rounds to nothing is written `0.000`).
pub fn mm_text(x: f64) -> String {
    let t = format!("{x:.3}");
    if t == "-0.000" {
        "0.000".to_string()
    } else {
        t
    }
}

fn share6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Formats kilometres with one decimal and comma-grouped thousands, e.g. `1,234.5`.
pub fn km1(m: f64) -> String {
    let s = format!("{:.1}", m / 1000.0);
    let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut g = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    format!("{sign}{g}.{frac}")
}

/// The JSON document: the contract other programs parse (see the README).
pub fn to_json(m: &Measured) -> Value {
    let segments: Vec<Value> = m
        .segments
        .iter()
        .map(|s| {
            let values: Map<String, Value> = s
                .values
                .iter()
                .map(|(k, v)| (k.clone(), v.clone().map_or(Value::Null, Value::String)))
                .collect();
            let mut seg = json!({
                "index": s.index,
                "from_m": mm(s.from_m),
                "to_m": mm(s.to_m),
                "length_m": mm(s.length_m),
                "values": values,
                "sources": s.sources,
            });
            if let (Some(k), Some(o)) = (s.part, seg.as_object_mut()) {
                o.insert("part".into(), json!(k));
            }
            if !s.disputed.is_empty()
                && let Some(o) = seg.as_object_mut()
            {
                // Both (every) side of a disputed stretch: value, source, where written.
                o.insert("disputed".into(), json!(s.disputed));
            }
            seg
        })
        .collect();
    let mut totals = Map::new();
    for l in &m.layers {
        let mut vals = Map::new();
        for v in &l.values {
            vals.insert(
                v.value.clone(),
                json!({"length_m": mm(v.length_m), "share": share6(v.share)}),
            );
        }
        totals.insert(l.id.clone(), Value::Object(vals));
    }
    let unplaced: Vec<Value> = m
        .unplaced
        .iter()
        .map(|(layer, u)| {
            json!({"layer": layer, "value": u.value, "claimed_km": u.claimed_km, "as_of": u.as_of, "source": u.source, "note": u.note})
        })
        .collect();
    let placements: Vec<Value> = m
        .placements
        .iter()
        .map(|p| {
            json!({"layer": p.layer, "value": p.value, "what": p.what, "along_m": mm(p.along_m), "snap_distance_m": mm(p.snap_distance_m)})
        })
        .collect();
    let issues: Vec<Value> = m
        .issues
        .iter()
        .map(|i| {
            let mut v = json!({"kind": i.kind, "layer": i.layer, "from_m": mm(i.from_m), "to_m": mm(i.to_m), "values": i.values});
            if !i.claims.is_empty()
                && let Some(o) = v.as_object_mut()
            {
                // Where the conflicting claims are written (`FILE:LINE`).
                o.insert("claims".into(), json!(i.claims));
            }
            v
        })
        .collect();
    json!({
        "border": m.name,
        "total_m": mm(m.total_m),
        "method": METHOD,
        "as_of": m.as_of,
        "segments": segments,
        "totals": totals,
        "issues": issues,
        "placements": placements,
        "unplaced_claims": unplaced,
        "warnings": m.warnings,
        "notes": m.notes,
        "dataset_version": m.version.as_ref().map(|v| json!({
            "version": v.text(),
            "newest_claim": v.newest,
            "sha256": v.sha256,
        })),
    })
}

/// Writes the JSON document, pretty-printed, with a final newline.
pub fn write_json(m: &Measured, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json(m))?;
    writeln!(w)
}

/// The crate's one CSV writer (the `csv` crate): fields quoted only where needed (a `,`,
/// `"`, `\r` or `\n` in them, quotes doubled), every line ending in `\n`.
pub(crate) fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_writer(w)
}

/// One CSV field as [`csv_writer`] writes it, for rows built by hand.
pub(crate) fn csv_field(s: &str) -> String {
    let mut out = csv_writer(Vec::new());
    // A record of one empty field is written `""`: an empty field needs no quotes in a row.
    if s.is_empty() || out.write_record([s]).is_err() {
        return String::new();
    }
    let bytes = out.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// Writes one CSV row per segment: index, from_m, to_m, length_m, one column per layer,
/// sources, and on a border of several parts a last column, `part` (0-based).
pub fn write_csv(m: &Measured, w: &mut dyn Write) -> io::Result<()> {
    let layer_ids: Vec<&str> = m.layers.iter().map(|l| l.id.as_str()).collect();
    let parts = m.segments.iter().any(|s| s.part.is_some());
    let mut out = csv_writer(w);
    let mut head = vec!["index", "from_m", "to_m", "length_m"];
    head.extend(&layer_ids);
    head.push("sources");
    if parts {
        head.push("part");
    }
    out.write_record(&head)?;
    for s in &m.segments {
        let mut row = vec![
            s.index.to_string(),
            mm_text(s.from_m),
            mm_text(s.to_m),
            mm_text(s.length_m),
        ];
        for l in &layer_ids {
            row.push(s.value(l).unwrap_or("").to_string());
        }
        row.push(s.sources.join(" | "));
        if let Some(k) = s.part.filter(|_| parts) {
            row.push(k.to_string());
        }
        out.write_record(&row)?;
    }
    out.flush()
}

/// Writes the segments as a GeoJSON FeatureCollection of LineStrings with their measured
/// properties (`from_m`, `to_m`, `length_m`, one property per layer, `sources`).
pub fn write_geojson(m: &Measured, w: &mut dyn Write) -> io::Result<()> {
    let features: Vec<Value> = m
        .segments
        .iter()
        .map(|s| {
            let mut props = Map::new();
            props.insert("index".into(), json!(s.index));
            props.insert("from_m".into(), json!(mm(s.from_m)));
            props.insert("to_m".into(), json!(mm(s.to_m)));
            props.insert("length_m".into(), json!(mm(s.length_m)));
            for (k, v) in &s.values {
                props.insert(k.clone(), v.clone().map_or(Value::Null, Value::String));
            }
            props.insert("sources".into(), json!(s.sources));
            if let Some(k) = s.part {
                props.insert("part".into(), json!(k));
            }
            let coords: Vec<Value> = s
                .line
                .0
                .iter()
                .map(|c| json!([round_deg(c.x), round_deg(c.y)]))
                .collect();
            json!({"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}})
        })
        .collect();
    let doc = json!({
        "type": "FeatureCollection",
        "name": m.name,
        "method": METHOD,
        "as_of": m.as_of,
        "total_m": mm(m.total_m),
        "features": features,
    });
    serde_json::to_writer(&mut *w, &doc)?;
    writeln!(w)
}

/// Degrees rounded to 1e-9 (0.1 mm), so output is stable across platforms.
fn round_deg(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Writes the table for people: segments with km (1 decimal), then totals and shares.
pub fn write_table(m: &Measured, w: &mut dyn Write) -> io::Result<()> {
    let as_of = m.as_of.map_or_else(|| "-".to_string(), |d| d.to_string());
    writeln!(w, "{} — {} km, as of {}", m.name, km1(m.total_m), as_of)?;
    writeln!(w, "lengths: {METHOD}")?;
    writeln!(w)?;
    let layer_ids: Vec<&str> = m.layers.iter().map(|l| l.id.as_str()).collect();
    let mut rows: Vec<Vec<String>> = vec![{
        let mut h = vec![
            "#".to_string(),
            "from km".into(),
            "to km".into(),
            "length km".into(),
        ];
        h.extend(layer_ids.iter().map(|s| s.to_string()));
        h
    }];
    for s in &m.segments {
        let mut r = vec![
            (s.index + 1).to_string(),
            km1(s.from_m),
            km1(s.to_m),
            km1(s.length_m),
        ];
        for l in &layer_ids {
            r.push(s.value(l).unwrap_or("(no data)").to_string());
        }
        rows.push(r);
    }
    write_aligned(w, &rows, 0..4)?;
    for l in &m.layers {
        writeln!(w)?;
        writeln!(w, "{} ({})", l.title, l.id)?;
        let mut rows = vec![vec!["value".to_string(), "km".into(), "share".into()]];
        for v in &l.values {
            rows.push(vec![
                v.value.clone(),
                km1(v.length_m),
                format!("{:.1} %", v.share * 100.0),
            ]);
        }
        rows.push(vec!["total".into(), km1(m.total_m), "100.0 %".into()]);
        write_aligned(w, &rows, 1..3)?;
    }
    if !m.unplaced.is_empty() {
        writeln!(w)?;
        writeln!(w, "claims with no stretch given (not drawn):")?;
        for (layer, u) in &m.unplaced {
            let km = u
                .claimed_km
                .map_or_else(String::new, |k| format!(" {k} km"));
            writeln!(w, "  {layer}: {}{km}, {} — {}", u.value, u.as_of, u.source)?;
        }
    }
    Ok(())
}

/// Writes `rows` in columns two spaces apart, the columns in `numeric` (numbers)
/// right-aligned, the others left-aligned.
pub(crate) fn write_aligned(
    w: &mut dyn Write,
    rows: &[Vec<String>],
    numeric: std::ops::Range<usize>,
) -> io::Result<()> {
    let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..ncol)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let wdt = widths.get(c).copied().unwrap_or(0);
            let pad = wdt.saturating_sub(cell.chars().count());
            let numeric = numeric.contains(&c);
            if c > 0 {
                line.push_str("  ");
            }
            if numeric {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < r.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A shared border as GeoJSON: one Feature, a LineString (or a MultiLineString for several
/// pieces), with `name`, `source`, `parts`, `vertices` and `length_m` (geodesic, WGS84).
pub fn shared_border_geojson(b: &crate::extract::SharedBorder, source: &str) -> Value {
    let coords = |l: &geo::LineString<f64>| -> Vec<Value> {
        l.0.iter().map(|c| json!([c.x, c.y])).collect()
    };
    let length: f64 = b
        .pieces
        .iter()
        .filter_map(|p| crate::border::Border::new("", p.clone()).ok())
        .map(|x| x.length_m())
        .sum();
    let geometry = match b.pieces.as_slice() {
        [one] => json!({"type": "LineString", "coordinates": coords(one)}),
        many => {
            json!({"type": "MultiLineString", "coordinates": many.iter().map(coords).collect::<Vec<_>>()})
        }
    };
    json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {
                "name": format!("{}–{} border", b.names[0], b.names[1]),
                "source": source,
                "parts": b.pieces.len(),
                "vertices": b.vertices(),
                "length_m": mm(length),
                "method": METHOD,
            },
            "geometry": geometry,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::{csv_field, mm, mm_text};

    #[test]
    fn lengths_of_nothing_are_written_without_a_minus_sign() {
        let empty: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(mm(empty).to_string(), "0");
        assert_eq!(serde_json::json!(mm(-0.0004)).to_string(), "0.0");
        assert_eq!(mm_text(empty), "0.000");
        assert_eq!(mm_text(-1.23456), "-1.235");
    }

    #[test]
    fn a_field_is_quoted_only_for_comma_quote_cr_or_lf() {
        assert_eq!(csv_field("plain text; | ok"), "plain text; | ok");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
    }
}

//! Tidy tests (after rust-analyzer's `xtask/src/tidy.rs`): they read the source tree and fail
//! with a list of offenders when the layering, the size limits or the house rules of
//! `ARCHITECTURE.md` are broken. Each rule's checker is also run on a small bad input, so none
//! of them can pass by finding nothing to look at.

use std::path::{Path, PathBuf};

/// Longest file, lines, counted before its `#[cfg(test)]` module.
const MAX_FILE_LINES: usize = 800;
/// Longest function, lines (its `fn` line to its closing brace).
const MAX_FN_LINES: usize = 150;
/// Longest file of the binary (`src/bin/`), lines.
const MAX_BIN_FILE_LINES: usize = 450;
/// Most fields of a struct in `src/layout/`.
const MAX_LAYOUT_STRUCT_FIELDS: usize = 15;

// ---- reading the tree ----

/// A source file: its path relative to the crate root (with `/`) and its text.
struct Source {
    path: String,
    text: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir` (relative to the crate root), sorted by path.
fn sources(dir: &str) -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = root();
    let mut files = Vec::new();
    walk(&root.join(dir), &mut files);
    files.sort();
    let out: Vec<Source> = files
        .into_iter()
        .map(|p| Source {
            path: p
                .strip_prefix(&root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/"),
            text: std::fs::read_to_string(&p).unwrap_or_default(),
        })
        .collect();
    assert!(!out.is_empty(), "no .rs files under {dir}");
    out
}

/// Fails with the offenders, one a line, if there are any.
fn assert_none(rule: &str, offenders: Vec<String>) {
    assert!(
        offenders.is_empty(),
        "tidy: {rule} ({} offender(s)):\n  {}",
        offenders.len(),
        offenders.join("\n  ")
    );
}

/// What is still left of the layout redesign (issue 18: the map model and the passes), by
/// file and item, without line numbers. This list may only shrink: an offender not on it fails,
/// and so does an entry that no longer offends (remove it when its part is done).
const NOT_YET_SPLIT: &[&str] = &["src/layout/mod.rs: struct Layout"];

/// An offender's key for [`NOT_YET_SPLIT`]: its path and item, without line or count.
fn known_key(offender: &str) -> String {
    let (path, rest) = offender.split_once(": ").unwrap_or((offender, ""));
    let path = path.split(':').next().unwrap_or(path);
    let item = if let Some(r) = rest.strip_prefix("fn ").or(rest.strip_prefix("struct ")) {
        let kind = if rest.starts_with("fn ") {
            "fn"
        } else {
            "struct"
        };
        format!("{kind} {}", r.split_whitespace().next().unwrap_or(""))
    } else if rest.ends_with(&format!("(over {MAX_FILE_LINES})")) && rest.contains(" lines ") {
        "file".to_string()
    } else {
        rest.to_string()
    };
    format!("{path}: {item}")
}

/// Like [`assert_none`], but offenders on [`NOT_YET_SPLIT`] pass; entries of that list the
/// rule covers (`covers`) that no longer offend fail, so the list only shrinks.
fn assert_none_but_known(rule: &str, covers: &dyn Fn(&str) -> bool, offenders: Vec<String>) {
    let keys: Vec<String> = offenders.iter().map(|o| known_key(o)).collect();
    let new: Vec<String> = offenders
        .iter()
        .zip(&keys)
        .filter(|(_, k)| !NOT_YET_SPLIT.contains(&k.as_str()))
        .map(|(o, _)| o.clone())
        .collect();
    assert_none(rule, new);
    let gone: Vec<String> = NOT_YET_SPLIT
        .iter()
        .filter(|k| covers(k))
        .filter(|k| !keys.iter().any(|x| x == *k))
        .map(|k| format!("{k} (done: remove it from NOT_YET_SPLIT)"))
        .collect();
    assert_none(&format!("{rule}: stale NOT_YET_SPLIT entries"), gone);
}

// ---- a small lexer: code, strings, comments ----

/// What a character of a source file is part of.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Class {
    Code,
    /// Inside a string or char literal (its quotes are code).
    Str,
    Comment,
}

/// Classifies every char of `text`: line and block comments (nested), string literals (with
/// escapes, byte and raw strings `r#"…"#`), char literals (told from lifetimes).
fn classify(text: &str) -> Vec<(char, Class)> {
    let cs: Vec<char> = text.chars().collect();
    let mut out: Vec<(char, Class)> = Vec::with_capacity(cs.len());
    let at = |i: usize| cs.get(i).copied().unwrap_or('\0');
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '/' && at(i + 1) == '/' {
            while i < cs.len() && cs[i] != '\n' {
                out.push((cs[i], Class::Comment));
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < cs.len() {
                if cs[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    out.push(('/', Class::Comment));
                    out.push(('*', Class::Comment));
                    i += 2;
                } else if cs[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    out.push(('*', Class::Comment));
                    out.push(('/', Class::Comment));
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push((cs[i], Class::Comment));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && matches!(at(i + 2), '"' | '#')))
            && !(i > 0 && (cs[i - 1].is_alphanumeric() || cs[i - 1] == '_'))
        {
            // Raw string: r"…", r#"…"#.
            let mut hashes = 0;
            out.push((c, Class::Code));
            i += 1;
            while at(i) == '#' {
                hashes += 1;
                out.push(('#', Class::Code));
                i += 1;
            }
            out.push(('"', Class::Code));
            i += 1;
            while i < cs.len() {
                if cs[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                    for _ in 0..=hashes {
                        out.push((cs[i], Class::Code));
                        i += 1;
                    }
                    break;
                }
                out.push((cs[i], Class::Str));
                i += 1;
            }
        } else if c == '"' {
            out.push((c, Class::Code));
            i += 1;
            while i < cs.len() {
                if cs[i] == '\\' {
                    out.push((cs[i], Class::Str));
                    out.push((at(i + 1), Class::Str));
                    i += 2;
                } else if cs[i] == '"' {
                    out.push((cs[i], Class::Code));
                    i += 1;
                    break;
                } else {
                    out.push((cs[i], Class::Str));
                    i += 1;
                }
            }
        } else if c == '\'' {
            // A char literal is 'x' or '\…'; anything else is a lifetime or label.
            let len = if at(i + 1) == '\\' {
                (i + 2..cs.len())
                    .find(|&j| cs[j] == '\'')
                    .map(|j| j - i + 1)
            } else if at(i + 2) == '\'' {
                Some(3)
            } else {
                None
            };
            match len {
                Some(n) => {
                    out.push((c, Class::Code));
                    for k in 1..n - 1 {
                        out.push((cs[i + k], Class::Str));
                    }
                    out.push(('\'', Class::Code));
                    i += n;
                }
                None => {
                    out.push((c, Class::Code));
                    i += 1;
                }
            }
        } else {
            out.push((c, Class::Code));
            i += 1;
        }
    }
    out
}

/// The text with comments and the insides of literals blanked (newlines kept), so what is
/// left is code and lines keep their numbers.
fn code_only(text: &str) -> String {
    classify(text)
        .into_iter()
        .map(|(c, k)| {
            if k == Class::Code || c == '\n' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The text with comments blanked (strings kept).
fn without_comments(text: &str) -> String {
    classify(text)
        .into_iter()
        .map(|(c, k)| {
            if k != Class::Comment || c == '\n' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The string literals of `text`: (line, 1-based; contents).
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut cur: Option<(usize, String)> = None;
    for (c, k) in classify(text) {
        match (k, &mut cur) {
            (Class::Str, Some((_, s))) => s.push(c),
            (Class::Str, None) => cur = Some((line, c.to_string())),
            (_, Some(_)) => out.extend(cur.take()),
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
    }
    out.extend(cur);
    out
}

/// The part of a file before its `#[cfg(test)]` module (the whole file without one).
fn before_tests(text: &str) -> &str {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(l) = lines.next() {
        if l.trim_end() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|n| n.starts_with("mod ") || n.starts_with("pub mod "))
        {
            return &text[..offset];
        }
        offset += l.len();
    }
    text
}

// ---- checkers ----

/// Whether `word` occurs in `code` as a whole path segment (not inside a longer identifier).
fn mentions(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + word.len()..].chars().next();
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        !before.is_some_and(ident) && (word.ends_with("::") || !after.is_some_and(ident))
    })
}

/// Lines (1-based) of `text`, outside comments and before its tests, that mention any of
/// `words` ([`mentions`]), as `line: word` (the first word found on the line).
fn uses_of(text: &str, words: &[&str]) -> Vec<String> {
    let code = without_comments(before_tests(text));
    let mut out = Vec::new();
    for (n, l) in code.lines().enumerate() {
        if let Some(w) = words.iter().find(|w| mentions(l, w)) {
            out.push(format!("{}: {w}", n + 1));
        }
    }
    out
}

/// The line (0-based) of the brace that closes the first one opened on or after line `start`
/// of `lines` (code only); `None` when a `;` comes before any `{` (an item without a body).
fn closing_line(lines: &[&str], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut opened = false;
    for (n, l) in lines.iter().enumerate().skip(start) {
        for c in l.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    if opened && depth == 0 {
                        return Some(n);
                    }
                }
                ';' if !opened => return None,
                _ => {}
            }
        }
    }
    None
}

/// The name of the `fn` item a code line starts, if it starts one.
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for q in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(q).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Functions of `text` (before its tests) longer than `max` lines: `(name, first line, lines)`.
fn long_functions(text: &str, max: usize) -> Vec<(String, usize, usize)> {
    let code = code_only(before_tests(text));
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        if let Some(name) = fn_name(l)
            && let Some(end) = closing_line(&lines, n)
            && end + 1 - n > max
        {
            out.push((name.to_string(), n + 1, end + 1 - n));
        }
    }
    out
}

/// Lines of `text` before its tests.
fn line_count(text: &str) -> usize {
    before_tests(text).lines().count()
}

/// Structs of `text` with more than `max` named fields: `(name, line, fields)`.
fn wide_structs(text: &str, max: usize) -> Vec<(String, usize, usize)> {
    let code = code_only(before_tests(text));
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let t = ["pub(crate) ", "pub(super) ", "pub "]
            .iter()
            .fold(t, |t, q| t.strip_prefix(q).unwrap_or(t));
        let Some(rest) = t.strip_prefix("struct ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(end) = closing_line(&lines, n) else {
            continue;
        };
        // Fields: `name: Type` lines at depth 1 of the struct's braces.
        let mut depth = 0i32;
        let mut fields = 0;
        for l in &lines[n..=end] {
            let field = {
                let t = l.trim_start();
                let t = ["pub(crate) ", "pub(super) ", "pub "]
                    .iter()
                    .fold(t, |t, q| t.strip_prefix(q).unwrap_or(t));
                let id: String = t
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                !id.is_empty()
                    && t[id.len()..].trim_start().starts_with(':')
                    && !t[id.len()..].trim_start().starts_with("::")
            };
            if depth == 1 && field {
                fields += 1;
            }
            depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
        }
        if fields > max {
            out.push((name, n + 1, fields));
        }
    }
    out
}

/// String literals of `text` (before its tests) that name a command-line flag: `--word`
/// at the start of the literal or after a space, quote, backtick or parenthesis.
fn flag_literals(text: &str) -> Vec<(usize, String)> {
    string_literals(before_tests(text))
        .into_iter()
        .filter(|(_, s)| {
            s.match_indices("--").any(|(i, _)| {
                let before = s[..i].chars().next_back();
                let after = s[i + 2..].chars().next();
                before.is_none_or(|c| matches!(c, ' ' | '`' | '\'' | '(' | '\n'))
                    && after.is_some_and(|c| c.is_ascii_lowercase())
            })
        })
        .collect()
}

/// Lines of `text` (before its tests, outside comments) that open a file for reading.
fn file_reads(text: &str) -> Vec<String> {
    let code = code_only(before_tests(text));
    let calls = [
        "File::open",
        "fs::read(",
        "fs::read_to_string",
        "fs::read_dir",
        "OpenOptions",
    ];
    let mut out = Vec::new();
    for (n, l) in code.lines().enumerate() {
        for c in calls {
            if l.contains(c) {
                out.push(format!("{}: {c}", n + 1));
            }
        }
    }
    out
}

// ---- the rules on the tree ----

/// Per file, its offending lines by `check`, as `path:line: what`.
fn each(files: &[Source], check: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| {
            check(&f.text)
                .into_iter()
                .map(move |o| format!("{}:{o}", f.path))
        })
        .collect()
}

#[test]
fn tidy_layout_uses_no_loader_dataset_diff_check_or_report() {
    let words = ["load::", "Dataset", "diff::", "check::", "report::"];
    assert_none_but_known(
        "src/layout/ mentions load, Dataset, diff, check or report",
        &|k| words.iter().any(|w| k.ends_with(&format!(": {w}"))),
        each(&sources("src/layout"), |t| uses_of(t, &words)),
    );
}

#[test]
fn tidy_render_uses_no_layout() {
    assert_none(
        "src/render/ uses layout",
        each(&sources("src/render"), |t| {
            uses_of(t, &["crate::layout", "layout::"])
        }),
    );
}

/// The stages after `load` (and what composes them), by their paths in the crate.
const LATER_THAN_LOAD: [&str; 19] = [
    "crate::extract",
    "crate::overlay",
    "crate::measure",
    "crate::project",
    "crate::layout",
    "crate::map",
    "crate::render",
    "crate::diff",
    "crate::check",
    "crate::report",
    "crate::atlas",
    "crate::timeline",
    "crate::resolution",
    "crate::html",
    "crate::between",
    "crate::dataset",
    "crate::Dataset",
    "crate::scene",
    "crate::model",
];

#[test]
fn tidy_load_uses_no_later_stage() {
    assert_none(
        "src/load/ uses a later stage",
        each(&sources("src/load"), |t| uses_of(t, &LATER_THAN_LOAD)),
    );
}

#[test]
fn tidy_files_and_functions_are_short() {
    let files = sources("src");
    let mut out: Vec<String> = files
        .iter()
        .filter(|f| line_count(&f.text) > MAX_FILE_LINES)
        .map(|f| {
            format!(
                "{}: {} lines (over {MAX_FILE_LINES})",
                f.path,
                line_count(&f.text)
            )
        })
        .collect();
    out.extend(each(&files, |t| {
        long_functions(t, MAX_FN_LINES)
            .into_iter()
            .map(|(name, line, n)| format!("{line}: fn {name} is {n} lines (over {MAX_FN_LINES})"))
            .collect()
    }));
    assert_none_but_known(
        "a file or function is too long",
        &|k| k.ends_with(": file") || k.contains(": fn "),
        out,
    );
}

#[test]
fn tidy_layout_structs_are_narrow() {
    assert_none_but_known(
        "a struct in src/layout/ has too many fields",
        &|k| k.contains(": struct "),
        each(&sources("src/layout"), |t| {
            wide_structs(t, MAX_LAYOUT_STRUCT_FIELDS)
                .into_iter()
                .map(|(name, line, n)| {
                    format!(
                        "{line}: struct {name} has {n} fields (over {MAX_LAYOUT_STRUCT_FIELDS})"
                    )
                })
                .collect()
        }),
    );
}

#[test]
fn tidy_binary_files_are_short() {
    let out = sources("src/bin")
        .iter()
        .filter(|f| line_count(&f.text) > MAX_BIN_FILE_LINES)
        .map(|f| {
            format!(
                "{}: {} lines (over {MAX_BIN_FILE_LINES})",
                f.path,
                line_count(&f.text)
            )
        })
        .collect();
    assert_none("a file of the binary is too long", out);
}

#[test]
fn tidy_library_names_no_flag() {
    let files: Vec<Source> = sources("src")
        .into_iter()
        .filter(|f| !f.path.starts_with("src/bin/"))
        .collect();
    assert_none(
        "a library string names a command-line flag (word it as a Detail the binary words)",
        each(&files, |t| {
            flag_literals(t)
                .into_iter()
                .map(|(line, s)| format!("{line}: \"{s}\""))
                .collect()
        }),
    );
}

#[test]
fn tidy_every_file_starts_with_a_module_doc() {
    let mut out = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        if !root().join(dir).is_dir() {
            continue;
        }
        out.extend(
            sources(dir)
                .iter()
                .filter(|f| !f.text.starts_with("//!"))
                .map(|f| format!("{}: does not start with `//!`", f.path)),
        );
    }
    assert_none("a file has no module doc first", out);
}

#[test]
fn tidy_only_load_reads_files() {
    let files: Vec<Source> = sources("src")
        .into_iter()
        // `output` opens devices and FIFOs to write through them, never to read.
        .filter(|f| !f.path.starts_with("src/load/") && f.path != "src/output.rs")
        .collect();
    assert_none(
        "a file outside src/load/ opens a file for reading",
        each(&files, file_reads),
    );
}

// ---- the checkers on small inputs ----

#[test]
fn tidy_checker_lexes_comments_strings_chars_and_lifetimes() {
    let src = "let a = \"x // y { \\\" }\"; // z {\nlet b = '{'; /* c /* d */ { */ fn f<'a>(x: &'a str) {}\nlet r = r#\"raw \" { \"#;";
    let code = code_only(src);
    assert_eq!(code.matches('{').count(), 1, "{code}");
    assert_eq!(code.matches('}').count(), 1, "{code}");
    assert_eq!(code.lines().count(), 3);
    let lits: Vec<String> = string_literals(src).into_iter().map(|(_, s)| s).collect();
    assert_eq!(lits, ["x // y { \\\" }", "{", "raw \" { "]);
    assert_eq!(string_literals(src)[2].0, 3);
}

#[test]
fn tidy_checker_counts_functions_by_braces_before_the_tests() {
    let body = |n: usize| "    let s = \"}\"; // }\n".repeat(n);
    let src = format!(
        "//! x\npub fn short() {{\n{}}}\n\npub(crate) fn long(a: u8) -> u8 {{\n    if a > 0 {{\n{}    }}\n    a\n}}\nfn decl();\n\n#[cfg(test)]\nmod tests {{\n    fn in_tests() {{\n{}    }}\n}}\n",
        body(3),
        body(10),
        body(40)
    );
    // `long` runs from its `fn` line to its closing brace: 1 + 1 + 10 + 1 + 1 + 1 = 15 lines.
    assert_eq!(long_functions(&src, 14), [("long".to_string(), 8, 15)]);
    assert!(long_functions(&src, 15).is_empty());
    assert_eq!(line_count(&src), 24);
    assert_eq!(fn_name("    pub async fn go_2(x)"), Some("go_2"));
    assert_eq!(fn_name("    let fn_x = 1;"), None);
}

#[test]
fn tidy_checker_finds_uses_outside_comments() {
    let src = "//! uses load:: in a doc\nuse crate::load::world; // Dataset\nlet d: MyDataset = x;\nfn f(d: &Dataset) {}\n#[cfg(test)]\nmod tests {\n    use crate::diff::x;\n}\n";
    let words = ["load::", "Dataset", "diff::"];
    assert_eq!(uses_of(src, &words), ["2: load::", "4: Dataset"]);
    assert_eq!(
        uses_of("use crate::overlay::x;\n", &LATER_THAN_LOAD),
        ["1: crate::overlay"]
    );
    assert!(
        uses_of(
            "use crate::layout_x;\nuse super::layout;\n",
            &["crate::layout"]
        )
        .is_empty()
    );
    assert_eq!(
        uses_of("use super::layout::Scene;\n", &["layout::"]),
        ["1: layout::"]
    );
}

#[test]
fn tidy_checker_counts_struct_fields() {
    let src = "pub struct Wide {\n    pub a: u8,\n    b: HashMap<u8, u8>,\n    c: Inner,\n    pub(crate) d: Vec<\n        u8,\n    >,\n}\nstruct Unit;\nstruct T(u8, u8);\n";
    assert_eq!(wide_structs(src, 3), [("Wide".to_string(), 1, 4)]);
    assert!(wide_structs(src, 4).is_empty());
}

#[test]
fn tidy_checker_finds_flag_literals() {
    let src = "let a = \"--height\";\nlet b = \"give a larger --width or `--size`\";\nlet c = \"<!-- x -->\";\nlet d = \"var(--bm-x)\"; // \"--not\"\nlet e = \"a--b\";\n";
    let lines: Vec<usize> = flag_literals(src).into_iter().map(|(l, _)| l).collect();
    assert_eq!(lines, [1, 2, 4]);
}

#[test]
fn tidy_checker_finds_file_reads() {
    let src = "let t = std::fs::read_to_string(p)?;\n// File::open(p)\nlet f = File::open(p)?;\n";
    assert_eq!(file_reads(src), ["1: fs::read_to_string", "3: File::open"]);
    assert!(file_reads("std::fs::write(p, b)?;\n").is_empty());
}

#[test]
fn tidy_checker_keys_known_offenders_without_lines() {
    assert_eq!(
        known_key("src/layout/mod.rs:332: fn new is 204 lines (over 150)"),
        "src/layout/mod.rs: fn new"
    );
    assert_eq!(
        known_key("src/layout/mod.rs: 833 lines (over 800)"),
        "src/layout/mod.rs: file"
    );
    assert_eq!(
        known_key("src/layout/mod.rs:243: struct Layout has 37 fields (over 15)"),
        "src/layout/mod.rs: struct Layout"
    );
    assert_eq!(
        known_key("src/layout/basemap.rs:153: load::"),
        "src/layout/basemap.rs: load::"
    );
    // An offender that is not on the list still fails.
    let r = std::panic::catch_unwind(|| {
        assert_none_but_known(
            "x",
            &|_| false,
            vec!["src/new.rs:1: fn f is 151 lines (over 150)".into()],
        )
    });
    assert!(r.is_err());
}

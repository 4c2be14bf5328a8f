//! The bad-input corpus (tests/corpus/cases.toml): every case runs the `bordermap` binary and
//! checks its exit code and its stderr: one line for an error, naming the file, where and what to
//! do; warnings for accepted inputs; never a panic. Plus the atomic-write guarantees of `-o`.
//! `CORPUS_CASE=name` runs one case.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::cmd::{arg, run, run_with};
use super::repo;

#[derive(Deserialize)]
pub(super) struct Manifest {
    pub(super) case: Vec<Case>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct Case {
    pub(super) name: String,
    pub(super) args: Vec<String>,
    exit: i32,
    pub(super) message: Option<String>,
    at: Option<String>,
    names: Option<String>,
    stdin: Option<String>,
    pub(super) setup: Option<String>,
    #[serde(default)]
    no_warnings: bool,
    total_m: Option<f64>,
    total_tolerance_m: Option<f64>,
    same_total_as: Option<Vec<String>>,
    #[serde(default)]
    unix_only: bool,
    /// The case is about the default projection back end (PROJ, `--features proj`, refuses
    /// differently); a unit test covers that one.
    #[serde(default)]
    default_backend_only: bool,
}

const WARNING: &str = "bordermap: warning: ";
const ERROR: &str = "bordermap: error: ";

fn corpus_dir() -> PathBuf {
    repo("tests/corpus")
}

pub(super) fn expand(args: &[String], tmp: &Path) -> Vec<String> {
    let dir = corpus_dir();
    args.iter()
        .map(|a| {
            a.replace("{dir}", &dir.to_string_lossy())
                .replace("{tmp}", &tmp.to_string_lossy())
        })
        .collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs a case's `bordermap args...` in `dir` (the shared runner; stdout taken as it comes).
fn run_case(dir: &Path, args: &[String], stdin: Option<Vec<u8>>) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = run_with(dir, &args, stdin);
    Run {
        code,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    }
}

/// The total a case's arguments measure (`-f json`), run in `dir`.
fn total_m(dir: &Path, args: &[String]) -> Result<f64, String> {
    let mut a = args.to_vec();
    a.extend(["-f".to_string(), "json".to_string()]);
    let r = run_case(dir, &a, None);
    if r.code != 0 {
        return Err(format!("`{}` exited {}: {}", a.join(" "), r.code, r.stderr));
    }
    let v: serde_json::Value = serde_json::from_str(&r.stdout).map_err(|e| e.to_string())?;
    v.get("total_m")
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| "no total_m in the JSON output".to_string())
}

/// Prepares generated inputs; `Ok(false)` means the case cannot be checked here (and says why).
pub(super) fn setup(kind: &str, tmp: &Path) -> Result<bool, String> {
    match kind {
        // A file one byte over the size limit: sparse, so it costs no disk and no time. The
        // size is checked from the metadata before anything is read.
        "sparse-over-file-limit" => {
            let f = std::fs::File::create(tmp.join("huge.geojson")).map_err(|e| e.to_string())?;
            f.set_len(bordermap::limits::MAX_FILE_BYTES + 1)
                .map_err(|e| e.to_string())?;
            Ok(true)
        }
        // One position over the limit, in the shortest form ("[0,0]," is 6 bytes: ~120 MB),
        // under the file size limit, so the position count is what refuses it.
        "over-position-limit" => {
            let n = bordermap::limits::MAX_VERTICES + 1;
            assert!((n as u64) * 6 < bordermap::limits::MAX_FILE_BYTES);
            let f = std::fs::File::create(tmp.join("many.geojson")).map_err(|e| e.to_string())?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
            let chunk = "[0,0],".repeat(100_000);
            w.write_all(br#"{"type":"LineString","coordinates":["#)
                .map_err(|e| e.to_string())?;
            let mut left = n - 1;
            while left > 0 {
                let k = left.min(100_000);
                w.write_all(chunk.get(..k * 6).unwrap_or_default().as_bytes())
                    .map_err(|e| e.to_string())?;
                left -= k;
            }
            w.write_all(b"[0,0]]}").map_err(|e| e.to_string())?;
            w.flush().map_err(|e| e.to_string())?;
            Ok(true)
        }
        // A locale file with 20,000 nested placeables (a recursive parser's stack overflows).
        "deep-ftl" => {
            let n = 20_000;
            let text = format!("title = {}x{}\n", "{ ".repeat(n), " }".repeat(n));
            std::fs::write(tmp.join("deep.ftl"), text).map_err(|e| e.to_string())?;
            Ok(true)
        }
        // A small TopoJSON (~0.5 MB) whose one polygon references one 201-position arc
        // 100,000 times: 20.1 million positions once expanded, over the position limit.
        "arc-reused" => {
            let arc: Vec<String> = (0..201).map(|i| format!("[{}.0,1.0]", i % 90)).collect();
            let refs = vec!["0"; 100_000].join(",");
            let text = format!(
                r#"{{"type":"Topology","arcs":[[{}]],"objects":{{"countries":{{"type":"GeometryCollection","geometries":[{{"type":"Polygon","id":"1","arcs":[[{refs}]]}}]}}}}}}"#,
                arc.join(",")
            );
            std::fs::write(tmp.join("reused.json"), text).map_err(|e| e.to_string())?;
            Ok(true)
        }
        // The valid layers file with a 100,000-byte source on line 16 (over the string limit).
        "long-source" => {
            let valid = std::fs::read_to_string(corpus_dir().join("layers/valid.toml"))
                .map_err(|e| e.to_string())?;
            let long = format!("source = \"{}", "x".repeat(100_000));
            let text = valid.replacen("source = \"Test source", &long, 1);
            std::fs::write(tmp.join("long.toml"), text).map_err(|e| e.to_string())?;
            Ok(true)
        }
        // A FIFO that never ends (a writer thread fills it with zeros until the reader
        // stops): its metadata says 0 bytes, so only the read cap stops it.
        "endless-fifo" => {
            let fifo = tmp.join("endless.geojson");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .map_err(|e| format!("mkfifo: {e}"))?;
            if !made.success() {
                return Err(format!("mkfifo exited {made}"));
            }
            std::thread::spawn(move || {
                if let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(&fifo) {
                    let zeros = vec![0u8; 1 << 20];
                    while w.write_all(&zeros).is_ok() {}
                }
            });
            Ok(true)
        }
        // A directory without write permission. Root (as in many CI containers) writes there
        // anyway: then the case is skipped, and says so.
        "readonly-dir" => {
            let ro = tmp.join("ro");
            std::fs::create_dir(&ro).map_err(|e| e.to_string())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555))
                    .map_err(|e| e.to_string())?;
            }
            let probe = ro.join("probe");
            if std::fs::write(&probe, b"x").is_ok() {
                let _ = std::fs::remove_file(&probe);
                eprintln!(
                    "note: skipping the permission assertion: this user can write to a read-only directory (root?)"
                );
                return Ok(false);
            }
            Ok(true)
        }
        other => Err(format!("unknown setup '{other}'")),
    }
}

/// Checks one case; returns what is wrong with it, if anything.
fn check_case(c: &Case) -> Result<(), String> {
    if c.unix_only && !cfg!(target_os = "linux") {
        return Ok(());
    }
    if c.default_backend_only && cfg!(feature = "proj") {
        return Ok(());
    }
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    if let Some(kind) = &c.setup
        && !setup(kind, tmp.path())?
    {
        return Ok(());
    }
    let args = expand(&c.args, tmp.path());
    let stdin = match &c.stdin {
        Some(f) => Some(std::fs::read(corpus_dir().join(f)).map_err(|e| e.to_string())?),
        None => None,
    };
    let r = run_case(tmp.path(), &args, stdin);
    // Restore permissions so the temporary directory can be removed.
    #[cfg(unix)]
    if c.setup.as_deref() == Some("readonly-dir") {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(
            tmp.path().join("ro"),
            std::fs::Permissions::from_mode(0o755),
        );
    }
    let all = format!("{}{}", r.stdout, r.stderr);
    if all.contains("panicked") || all.contains("RUST_BACKTRACE") {
        return Err(format!("panicked:\n{}", r.stderr));
    }
    if r.code != c.exit {
        return Err(format!(
            "exit code {} (expected {}); stderr:\n{}",
            r.code, c.exit, r.stderr
        ));
    }
    let lines: Vec<&str> = r.stderr.lines().collect();
    let warnings: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with(WARNING))
        .collect();
    let others: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with(WARNING))
        .collect();
    let names = c.names.clone().or_else(|| {
        c.args
            .iter()
            .find(|a| a.starts_with("{dir}/") || a.starts_with("{tmp}/"))
            .and_then(|a| Path::new(a).file_name())
            .map(|f| f.to_string_lossy().into_owned())
    });
    let want = |text: &str, what: &str, frag: &Option<String>| -> Result<(), String> {
        match frag {
            Some(f) if !text.contains(f.as_str()) => {
                Err(format!("{what} lacks {f:?}:\n{}", r.stderr))
            }
            _ => Ok(()),
        }
    };
    match c.exit {
        2 => {
            let [line] = others.as_slice() else {
                return Err(format!(
                    "expected one error line (besides warnings), got {}:\n{}",
                    others.len(),
                    r.stderr
                ));
            };
            if !line.starts_with(ERROR) {
                return Err(format!(
                    "the error line does not start with {ERROR:?}: {line}"
                ));
            }
            if !line.contains("; hint: ") {
                return Err(format!("the error gives no hint: {line}"));
            }
            want(line, "the error", &c.message)?;
            want(line, "the error (location)", &c.at)?;
            want(line, "the error (file)", &names)?;
        }
        0 => {
            if !others.is_empty() {
                return Err(format!("stderr has lines besides warnings:\n{}", r.stderr));
            }
            if c.no_warnings && !warnings.is_empty() {
                return Err(format!("expected no warnings:\n{}", r.stderr));
            }
            if let Some(m) = &c.message {
                let Some(w) = warnings.iter().find(|w| w.contains(m.as_str())) else {
                    return Err(format!("no warning contains {m:?}:\n{}", r.stderr));
                };
                want(w, "the warning (file)", &c.names)?;
                want(w, "the warning (location)", &c.at)?;
            }
            let tol = c.total_tolerance_m.unwrap_or(0.001);
            if let Some(expected) = c.total_m {
                let got = total_m(tmp.path(), &args)?;
                if (got - expected).abs() > tol {
                    return Err(format!("total {got} m, expected {expected} m"));
                }
            }
            if let Some(other) = &c.same_total_as {
                let (got, expected) = (
                    total_m(tmp.path(), &args)?,
                    total_m(tmp.path(), &expand(other, tmp.path()))?,
                );
                if (got - expected).abs() > tol {
                    return Err(format!(
                        "total {got} m, expected {expected} m as for {other:?}"
                    ));
                }
            }
        }
        _ => {
            want(&r.stderr, "stderr", &c.message)?;
            want(&format!("{}{}", r.stdout, r.stderr), "the output", &c.names)?;
        }
    }
    Ok(())
}

pub(super) fn manifest() -> Manifest {
    let text = std::fs::read_to_string(corpus_dir().join("cases.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn corpus() {
    let m = manifest();
    let only = std::env::var("CORPUS_CASE").ok();
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut ran = 0;
    for c in &m.case {
        assert!(
            names.insert(c.name.clone()),
            "case '{}' is listed twice",
            c.name
        );
        if only.as_deref().is_some_and(|o| o != c.name) {
            continue;
        }
        ran += 1;
        if let Err(e) = check_case(c) {
            failures.push(format!("case '{}': {e}", c.name));
        }
    }
    assert!(
        only.is_some() || m.case.len() >= 40,
        "the corpus needs at least 40 cases"
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} corpus cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every input file of the corpus is used by some case.
#[test]
fn corpus_files_are_all_used() {
    let m = manifest();
    let used: String = m
        .case
        .iter()
        .flat_map(|c| {
            c.args
                .iter()
                .chain(c.same_total_as.iter().flatten())
                .chain(c.stdin.iter())
        })
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let mut unused = Vec::new();
    for sub in ["geojson", "layers", "style"] {
        for e in std::fs::read_dir(corpus_dir().join(sub)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let shared = ["border.geojson", "places.geojson"].contains(&name.as_str());
            if !shared && !used.contains(&format!("{sub}/{name}")) {
                unused.push(format!("{sub}/{name}"));
            }
        }
    }
    assert!(unused.is_empty(), "corpus files no case uses: {unused:?}");
}

// --- Nothing lost: outputs are written to a temporary file and renamed into place. ---

fn dir_listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn layers(name: &str) -> String {
    corpus_dir()
        .join("layers")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A run that fails (an unknown place in the layers) leaves an existing output file
/// byte-identical, for every format, and leaves no temporary file behind.
#[test]
fn failed_measure_leaves_existing_output_untouched() {
    for format in ["table", "json", "csv", "geojson"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join(format!("out.{format}"));
        // A real earlier output, then a failing run over it.
        let (code, _, stderr) = run(&[
            "measure",
            "--layers",
            &layers("valid.toml"),
            "-f",
            format,
            "-o",
            arg(&out),
        ]);
        assert_eq!(code, 0, "{stderr}");
        let before = std::fs::read(&out).unwrap();
        assert!(!before.is_empty());
        let (code, _, stderr) = run(&[
            "measure",
            "--layers",
            &layers("unknown-place.toml"),
            "-f",
            format,
            "-o",
            arg(&out),
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("unknown place"), "{stderr}");
        assert_eq!(
            std::fs::read(&out).unwrap(),
            before,
            "{format}: output changed"
        );
        assert_eq!(
            dir_listing(tmp.path()),
            vec![format!("out.{format}")],
            "{format}: files left behind"
        );
    }
}

/// A successful run replaces the file whole and leaves no temporary file.
#[test]
fn successful_measure_replaces_output_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.json");
    std::fs::write(&out, b"old contents, longer than nothing at all").unwrap();
    let (code, _, stderr) = run(&[
        "measure",
        "--layers",
        &layers("valid.toml"),
        "-f",
        "json",
        "-o",
        arg(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("total_m").is_some());
    assert_eq!(dir_listing(tmp.path()), vec!["out.json".to_string()]);
}

/// A run that cannot write (the target is a directory) leaves the directory as it was and no
/// temporary file in its parent.
#[test]
fn unwritable_output_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("taken");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), b"keep").unwrap();
    let (code, _, stderr) = run(&[
        "measure",
        "--layers",
        &layers("valid.toml"),
        "-o",
        arg(&target),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(dir_listing(tmp.path()), vec!["taken".to_string()]);
    assert_eq!(dir_listing(&target), vec!["keep.txt".to_string()]);
}

/// A render that fails (an unknown place in the layers) leaves an existing map byte-identical,
/// SVG and PNG, and no temporary file behind.
#[test]
fn failed_render_leaves_existing_map_untouched() {
    for name in ["map.svg", "map.png"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join(name);
        let before = format!("an earlier {name}, to be kept").into_bytes();
        std::fs::write(&out, &before).unwrap();
        let (code, _, stderr) = run(&[
            "render",
            "--layers",
            &layers("unknown-place.toml"),
            "-o",
            arg(&out),
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("unknown place"), "{stderr}");
        assert_eq!(std::fs::read(&out).unwrap(), before, "{name} changed");
        assert_eq!(dir_listing(tmp.path()), vec![name.to_string()]);
    }
}

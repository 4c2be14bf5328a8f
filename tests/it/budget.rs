//! The memory budget holds: the bad-input cases whose cost is known before the work (the read
//! cap, PNG pixels, expanded TopoJSON, nesting, string sizes) run under `prlimit --as` at the
//! default budget plus slack and end with exit 2 and their message, never an abort or a
//! signal; `BORDERMAP_MEMORY_BUDGET` lowers the budget.

use std::path::Path;
use std::process::Command;

use super::corpus::{expand, manifest, setup};

/// The default budget (2 GiB) plus 512 MiB of address space for the program itself (code,
/// thread stacks, allocator arenas).
const ADDRESS_SPACE: u64 = bordermap::limits::MEMORY_BUDGET_BYTES + 512 * 1024 * 1024;

/// The corpus cases refused by a limit on memory.
const CASES: &[&str] = &[
    "device-over-read-cap",
    "fifo-over-read-cap",
    "png-over-memory-budget",
    "topojson-expanded-over-position-limit",
    "ftl-nesting-over-limit",
    "layers-string-over-limit",
    "over-file-size-limit",
];

fn prlimit() -> Option<&'static str> {
    let p = "/usr/bin/prlimit";
    Path::new(p).exists().then_some(p)
}

/// Runs `bordermap args` in `dir` under an address-space limit of `bytes`, with `env`.
fn run_limited(
    dir: &Path,
    bytes: u64,
    args: &[String],
    env: &[(&str, &str)],
) -> (Option<i32>, String) {
    let Some(prlimit) = prlimit() else {
        panic!("prlimit (util-linux) is needed for the memory budget tests");
    };
    let out = Command::new(prlimit)
        .arg(format!("--as={bytes}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_bordermap"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
#[cfg(target_os = "linux")]
fn limit_cases_end_with_exit_2_under_the_budget() {
    let m = manifest();
    for name in CASES {
        let c = m.case.iter().find(|c| c.name == *name).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        if let Some(kind) = &c.setup {
            assert!(setup(kind, tmp.path()).unwrap(), "{name}: setup");
        }
        let args = expand(&c.args, tmp.path());
        let (code, stderr) = run_limited(tmp.path(), ADDRESS_SPACE, &args, &[]);
        assert_eq!(
            code,
            Some(2),
            "{name} under prlimit --as={ADDRESS_SPACE}: {stderr}"
        );
        let want = c.message.as_deref().unwrap();
        assert!(stderr.contains(want), "{name}: no {want:?} in {stderr}");
        assert!(!stderr.contains("memory allocation"), "{name}: {stderr}");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn the_environment_sets_the_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let png = tmp.path().join("map.png").to_string_lossy().into_owned();
    let args: Vec<String> = ["render", "--scale", "4", "--format", "png", "-o", &png]
        .map(String::from)
        .to_vec();
    // 4800 × 3600 px × 12 bytes = 207 MB: over a 64 MiB budget, under the default.
    let small = [("BORDERMAP_MEMORY_BUDGET", "64M")];
    let (code, stderr) = run_limited(tmp.path(), ADDRESS_SPACE, &args, &small);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("a PNG of 4800 × 3600 pixels needs about 207360000 bytes (0.2 GiB), more than the memory budget of 67108864 bytes (0.1 GiB)"),
        "{stderr}"
    );
    assert!(stderr.contains("raise BORDERMAP_MEMORY_BUDGET"), "{stderr}");
    assert!(!Path::new(&png).exists(), "nothing written");
    let bad = [("BORDERMAP_MEMORY_BUDGET", "lots")];
    let (code, stderr) = run_limited(tmp.path(), ADDRESS_SPACE, &args, &bad);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("BORDERMAP_MEMORY_BUDGET=\"lots\" is not a number of bytes"),
        "{stderr}"
    );
}

//! The one runner of the `bordermap` command for every module: run as a user runs it
//! (hermetic: an empty environment, a working directory of the test's choosing, by default a
//! fresh temporary one), failing the test if the command panicked or was killed.

use std::path::Path;

use assert_cmd::Command;

/// `bordermap` in an empty environment, in `dir` (for tests that use `assert_cmd`'s
/// assertions or feed stdin themselves).
pub fn bordermap(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bordermap"));
    c.env_clear().current_dir(dir);
    c
}

/// Runs `bordermap args...` in `dir`, with `stdin` on its standard input (none: empty);
/// returns (exit code, stdout bytes, stderr). Fails if it panicked or was killed.
#[track_caller]
pub fn run_with(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> (i32, Vec<u8>, String) {
    let mut cmd = bordermap(dir);
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stderr.contains("panicked"),
        "bordermap {args:?} panicked: {stderr}"
    );
    (
        out.status.code().expect("exited, not killed"),
        out.stdout,
        stderr,
    )
}

/// Runs `bordermap args...` in `dir`; returns (exit code, stdout, stderr) as text.
#[track_caller]
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let (code, stdout, stderr) = run_with(dir, args, None);
    (code, String::from_utf8(stdout).unwrap(), stderr)
}

/// Runs `bordermap args...` in a fresh directory; returns (exit code, stdout, stderr).
#[track_caller]
pub fn run(args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args)
}

/// The stdout bytes of `bordermap args...` run in `dir`, which must succeed.
#[track_caller]
pub fn stdout_in(dir: &Path, args: &[&str]) -> Vec<u8> {
    let (code, stdout, stderr) = run_with(dir, args, None);
    assert_eq!(code, 0, "bordermap {args:?} failed: {stderr}");
    stdout
}

/// The stdout of `bordermap args...` run in a fresh directory, which must succeed.
#[track_caller]
pub fn stdout_of(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    String::from_utf8(stdout_in(dir.path(), args)).unwrap()
}

/// A path as an argument (the tests' paths are UTF-8).
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

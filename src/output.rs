//! Writing outputs without losing what was there: a regular file is written to a temporary
//! file in the target directory and renamed into place only when complete; a device, FIFO or
//! socket (`/dev/stdout`, a named pipe) is written through, never replaced; a symbolic link is
//! followed and its target replaced; `-` means stdout.
//!
//! The rename makes the replacement atomic for every reader and against any failure of the
//! process; the file is not `fsync`ed (as `cp`, mapshaper or GDAL do not): durability across a
//! power loss is left to the file system, and a map costs no disk flush. A replaced file keeps
//! its mode. Temporary files are removed on every error path, and, once a program has called
//! [`remove_temporaries_on_signals`], when SIGINT, SIGTERM or SIGHUP ends the process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, ErrorKind, Result};

/// Temporary files being written now, removed by the signal thread before the process exits.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The longest chain of symbolic links followed to find an output's target (as Linux's
/// `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// Writes to `path` atomically by calling `write` with a buffered writer. On any error the
/// temporary file is removed and an existing file at `path` is left untouched. A device, FIFO
/// or socket at `path` is written through; a symbolic link is followed (its target is
/// replaced, the link stays).
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if path == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        write(&mut lock)?;
        return lock
            .flush()
            .map_err(|e| Error::io("<stdout>", &e, "check the output stream"));
    }
    // The kernel follows the links, magic ones included (`/dev/stdout` → `/proc/self/fd/1` →
    // an anonymous pipe, which no path names): a device, FIFO or socket is opened as given.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return write_through(path, write);
    }
    let target = follow_links(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(io_kind(
            Error::input(format!(
                "cannot write: the directory '{}' does not exist",
                dir.display()
            ))
            .in_file(path)
            .hint("create the directory first, or write elsewhere"),
        ));
    }
    let hint = "check that the directory exists and is writable";
    if target.is_dir() {
        return Err(io_kind(
            Error::input("cannot write: this is a directory")
                .in_file(path)
                .hint("give a file name, e.g. out.json"),
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bordermap-").suffix(".tmp");
    // A published map is readable like any file the user creates (0666 less the umask), or
    // keeps the mode of the file it replaces; tempfile's own default is 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| {
        let mut err = Error::io(
            path,
            &e,
            "check that the directory is writable, or write elsewhere",
        );
        err.message = format!(
            "cannot create a temporary file in '{}': {}",
            dir.display(),
            err.message
        );
        err
    })?;
    let pending = Pending::new(tmp.path());
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(|e| Error::io(path, &e, hint))?;
    }
    tmp.persist(&target)
        .map_err(|e| Error::io(path, &e.error, hint))?;
    drop(pending);
    Ok(())
}

/// Writes into an existing device, FIFO or socket as it is (nothing to replace atomically).
fn write_through(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, &e, "check that the output can be written to"))?;
    let mut buf = std::io::BufWriter::new(file);
    write(&mut buf)?;
    buf.flush()
        .map_err(|e| Error::io(path, &e, "check the device or the reader of the pipe"))
}

/// The file a path names once symbolic links are followed (the path itself when it is not a
/// link, or does not exist yet). A dangling link names its would-be target.
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)
                    .map_err(|e| Error::io(path, &e, "check the symbolic link the output names"))?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io_kind(
        Error::input(format!(
            "cannot write: more than {MAX_LINKS} symbolic links in a chain"
        ))
        .in_file(path)
        .hint("the links may form a loop; write to a plain file name"),
    ))
}

fn io_kind(mut e: Error) -> Error {
    e.kind = ErrorKind::Io;
    e
}

/// Refuses to write `output` when it is one of `inputs` (the same file: device and inode, after
/// links), before anything is written: `render --layers l.toml -o l.toml` would otherwise
/// replace the layers file with a map. Each input comes with what it is ("the layers file"),
/// for the message. `-` and outputs that do not exist yet pass.
pub fn ensure_not_input(output: &Path, inputs: &[(&Path, &str)]) -> Result<()> {
    if output == Path::new("-") {
        return Ok(());
    }
    let Some(out) = file_id(output) else {
        return Ok(());
    };
    for (input, what) in inputs {
        if file_id(input) == Some(out) {
            return Err(Error::input(format!(
                "the output is {what} '{}': writing it would destroy an input",
                input.display()
            ))
            .in_file(output)
            .hint("write the output to another file"));
        }
    }
    Ok(())
}

/// Device and inode of a file (after links), where the platform has them.
fn file_id(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        let p = std::fs::canonicalize(path).ok()?;
        let mut h = 0xcbf2_9ce4_8422_2325_u64;
        for b in p.to_string_lossy().bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Some((0, h))
    }
}

/// A temporary file registered for removal on a signal while it is being written.
struct Pending(PathBuf);

impl Pending {
    fn new(path: &Path) -> Pending {
        if let Ok(mut v) = PENDING.lock() {
            v.push(path.to_path_buf());
        }
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut v) = PENDING.lock()
            && let Some(i) = v.iter().position(|p| *p == self.0)
        {
            v.swap_remove(i);
        }
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files being written before the
/// process exits (with 128 + the signal's number, as a shell reports it). For programs (the
/// `bordermap` command calls it first thing); a library caller with signal handlers of its own
/// need not. Does nothing on platforms without these signals.
pub fn remove_temporaries_on_signals() -> Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            .map_err(|e| Error::io("<signals>", &e, "the process cannot handle signals"))?;
        std::thread::Builder::new()
            .name("bordermap-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    if let Ok(v) = PENDING.lock() {
                        for p in v.iter() {
                            let _ = std::fs::remove_file(p);
                        }
                    }
                    std::process::exit(128 + sig);
                }
            })
            .map_err(|e| Error::io("<signals>", &e, "the process cannot start a thread"))?;
    }
    Ok(())
}

/// Converts an I/O error while writing `path` into the library's error.
pub fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| {
        Error::io(
            path,
            &e,
            "check the disk and the permissions of the directory",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(path: &Path, text: &str) -> Result<()> {
        write_atomic(path, |w| w.write_all(text.as_bytes()).map_err(io_err(path)))
    }

    #[test]
    fn a_symlink_is_followed_and_its_target_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.svg");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink("real.svg", &link).unwrap();
        put(&link, "new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn a_link_to_an_anonymous_pipe_is_written_through() {
        // What `-o /dev/stdout` is when stdout is a pipe: a link to `/proc/self/fd/N`, whose
        // own link names no path ("pipe:[…]").
        use std::os::fd::AsRawFd;
        let (mut reader, writer) = std::io::pipe().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("stdout");
        std::os::unix::fs::symlink(format!("/proc/self/fd/{}", writer.as_raw_fd()), &link).unwrap();
        put(&link, "through the pipe").unwrap();
        drop(writer);
        let mut got = String::new();
        std::io::Read::read_to_string(&mut reader, &mut got).unwrap();
        assert_eq!(got, "through the pipe");
    }

    #[test]
    fn a_fifo_is_written_through_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(ok.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        put(&fifo, "through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.svg");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        put(&p, "new").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn an_input_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let layers = dir.path().join("l.toml");
        std::fs::write(&layers, "x").unwrap();
        let link = dir.path().join("alias.toml");
        std::os::unix::fs::symlink(&layers, &link).unwrap();
        let e = ensure_not_input(&link, &[(&layers, "the layers file")]).unwrap_err();
        assert!(e.message.contains("the output is the layers file"), "{e}");
        assert_eq!(e.kind, ErrorKind::Input);
        let other = dir.path().join("map.svg");
        ensure_not_input(&other, &[(&layers, "the layers file")]).unwrap();
        ensure_not_input(Path::new("-"), &[(&layers, "the layers file")]).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("keep.svg");
        std::fs::write(&p, "old").unwrap();
        let e = write_atomic(&p, |_| Err(Error::input("boom"))).unwrap_err();
        assert_eq!(e.message, "boom");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

//! Writing outputs without losing what was there: everything goes to a temporary file in the
//! target directory and is renamed into place only when complete. `-` means stdout.
//!
//! The rename makes the replacement atomic for every reader and against any failure of the
//! process; the file is not `fsync`ed (as `cp`, mapshaper or GDAL do not): durability across a
//! power loss is left to the file system, and a map costs no disk flush.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes to `path` atomically by calling `write` with a buffered writer. On any error the
/// temporary file is removed and an existing file at `path` is left untouched.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if path == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        write(&mut lock)?;
        return lock
            .flush()
            .map_err(|e| Error::io("<stdout>", &e, "check the output stream"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        let mut e = Error::input(format!(
            "cannot write: the directory '{}' does not exist",
            dir.display()
        ))
        .in_file(path)
        .hint("create the directory first, or write elsewhere");
        e.kind = crate::error::ErrorKind::Io;
        return Err(e);
    }
    let hint = "check that the directory exists and is writable";
    if path.is_dir() {
        let mut e = Error::input("cannot write: this is a directory")
            .in_file(path)
            .hint("give a file name, e.g. -o out.json");
        e.kind = crate::error::ErrorKind::Io;
        return Err(e);
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bordermap-").suffix(".tmp");
    // A published map is readable like any file the user creates (0666 less the umask), or
    // keeps the mode of the file it replaces; tempfile's own default is 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
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
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(|e| Error::io(path, &e, hint))?;
    }
    tmp.persist(path)
        .map_err(|e| Error::io(path, &e.error, hint))?;
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

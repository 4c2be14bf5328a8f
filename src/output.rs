//! Writing outputs without losing what was there: everything goes to a temporary file in the
//! target directory and is renamed into place only when complete. `-` means stdout.

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
    let mut tmp = tempfile::Builder::new()
        .prefix(".bordermap-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(path, &e, hint))?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(|e| Error::io(path, &e, hint))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(path, &e, hint))?;
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

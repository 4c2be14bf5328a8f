//! `bordermap init DIR`: the embedded dataset written out as editable files.

use std::path::Path;
use std::process::ExitCode;

use bordermap::{Error, Result, output};

/// Writes every file of [`bordermap::load::dataset_files`] under `dir`, creating it and
/// `data/`. Refuses, before writing anything, when one of the files already exists.
pub(super) fn run(dir: &Path) -> Result<ExitCode> {
    let files = bordermap::load::dataset_files();
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::input(format!(
            "{} already holds {} of the dataset's files ({})",
            dir.display(),
            existing.len(),
            existing.join(", ")
        ))
        .hint("give a new or empty directory; init never overwrites a file"));
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(output::io_err(parent))?;
        }
        output::write_atomic(&path, |w| w.write_all(bytes).map_err(output::io_err(&path)))?;
    }
    eprintln!(
        "bordermap: wrote {} files to {}; draw the map with: bordermap render {}",
        files.len(),
        dir.display(),
        dir.join("story.toml").display()
    );
    Ok(ExitCode::SUCCESS)
}

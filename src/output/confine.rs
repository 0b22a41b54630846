//! Confinement: a render writes and deletes only inside `<out>/<campaign-id>/`, and never
//! through a symbolic link.
//!
//! A symbolic link where the tool writes (the campaign folder, `print/`, `social/`, `screen/`,
//! `.cache/`, `.staging/`) is refused with exit 2 naming the link, not replaced: the link may be
//! the user's own arrangement, and deleting it silently would lose it. A relative path read back
//! from a file in the folder (the journal, the list of owned files) is used only if it names a
//! plain file one or two levels down, in a folder the tool owns.

use std::path::{Component, Path, PathBuf};

/// The folders inside `<out>/<campaign-id>/` a render writes into.
pub const ASSET_DIRS: [&str; 3] = ["print", "social", "screen"];
pub const CACHE_DIR: &str = ".cache";
pub const STAGING_DIR: &str = ".staging";

/// Why a folder cannot be written.
#[derive(Debug)]
pub struct Refusal {
    pub path: PathBuf,
    pub message: String,
    pub hint: String,
}

/// `path` is absent or a real folder (not a link to one, not a file).
pub fn real_dir_or_absent(path: &Path) -> Result<(), Refusal> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(Refusal {
            path: path.to_path_buf(),
            message: "is a symbolic link; billposter writes only into real folders inside the campaign's output folder".into(),
            hint: "remove the link (or render to another --out); billposter will create the folder".into(),
        }),
        Ok(m) if !m.is_dir() => Err(Refusal {
            path: path.to_path_buf(),
            message: "is in the way: billposter needs a folder here".into(),
            hint: "move the file away, or render to another --out".into(),
        }),
        Ok(_) => Ok(()),
    }
}

/// Check the campaign folder and every folder a render writes into.
pub fn check(dir: &Path) -> Result<(), Refusal> {
    real_dir_or_absent(dir)?;
    for sub in ASSET_DIRS.iter().chain(&[CACHE_DIR, STAGING_DIR]) {
        real_dir_or_absent(&dir.join(sub))?;
    }
    Ok(())
}

/// A relative path the tool may write or delete: `NAME` or `print|social|screen/NAME`, plain
/// names only (no `..`, no absolute path, no hidden name).
pub fn is_owned_rel(rel: &str) -> bool {
    let parts: Vec<Component> = Path::new(rel).components().collect();
    let plain = |c: &Component| matches!(c, Component::Normal(n) if n.to_str().is_some_and(|s| !s.starts_with('.') && !s.is_empty()));
    match parts.as_slice() {
        [name] => plain(name) && !ASSET_DIRS.contains(&rel),
        [Component::Normal(d), name] => ASSET_DIRS.iter().any(|a| d.to_str() == Some(a)) && plain(name),
        _ => false,
    }
}

/// Remove temporary files a killed run left (`.NAME.tmp-…`) in the folders the tool writes.
pub fn remove_temp_leftovers(dir: &Path) {
    for sub in ["", "print", "social", "screen", CACHE_DIR] {
        let d = if sub.is_empty() { dir.to_path_buf() } else { dir.join(sub) };
        if real_dir_or_absent(&d).is_err() {
            continue;
        }
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let is_file = e.file_type().is_ok_and(|t| !t.is_dir());
            if is_file && e.file_name().to_str().is_some_and(super::atomic::is_temp_name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_owned_rel;

    #[test]
    fn only_plain_names_in_owned_folders() {
        for ok in ["manifest.json", "print/a.pdf", "social/x.png", "screen/d6.jpg"] {
            assert!(is_owned_rel(ok), "{ok}");
        }
        for bad in ["../x", "/etc/passwd", "print/../../x", ".cache/k.json", "other/x", "print/sub/x", ".lock", "print/.x", "", "print"] {
            assert!(!is_owned_rel(bad), "{bad}");
        }
    }
}

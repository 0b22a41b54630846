//! All or nothing: a run's files become the folder's state together, or the old state stays.
//!
//! Every new file (assets, campaign-wide files, manifest, the list of owned files) is first
//! written complete into `.staging/`. Then the journal `.staging/journal.json` is written
//! atomically: from that instant the run is committed. Applying it is only renames out of
//! `.staging/` and removals of files the previous run owned — no new bytes, so no full disk can
//! stop it half way. A run killed before the journal leaves only `.staging/`, which the next run
//! removes (the old state stands); a run killed while applying leaves the journal, which the next
//! run (holding the lock) applies to the end before anything else (the new state stands).
//! Applying is idempotent: a move whose source is gone was done, a removal of a missing file too.

use super::confine::{self, STAGING_DIR};
use serde::{Deserialize, Serialize};
use std::path::Path;

const JOURNAL: &str = "journal.json";
/// The files the tool made in this folder: what a full render may later remove as stale.
pub const OWNED: &str = ".billposter-files.json";

#[derive(Serialize, Deserialize, Debug, Default, PartialEq)]
pub struct Journal {
    /// Staged files to move into place, in order (the manifest and the owned list last).
    pub moves: Vec<String>,
    /// Files of the previous state this one no longer has.
    pub removes: Vec<String>,
}

/// The owned-files list of the folder (empty when absent or unreadable: nothing is removed).
pub fn read_owned(dir: &Path) -> Vec<String> {
    let Ok(text) = read_small(&dir.join(OWNED)) else { return vec![] };
    let list: Vec<String> = serde_json::from_slice(&text).unwrap_or_default();
    list.into_iter().filter(|r| confine::is_owned_rel(r)).collect()
}

pub fn owned_json(rels: &[String]) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(rels).expect("a list of strings serialises");
    s.push('\n');
    s.into_bytes()
}

use super::read_small;

/// Commit: write the journal into the staging folder. Once this returns, the run is decided:
/// [`apply`] it (or the next run will).
pub fn write(dir: &Path, j: &Journal) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(j).expect("journal serialises");
    if let Err(e) = std::fs::create_dir(dir.join(STAGING_DIR))
        && e.kind() != std::io::ErrorKind::AlreadyExists
    {
        return Err(e);
    }
    super::atomic::write(&dir.join(STAGING_DIR).join(JOURNAL), &bytes)
}

/// Make every destination folder a real folder before committing, so applying cannot fail on
/// a missing folder or a file in the way.
pub fn prepare(dir: &Path, j: &Journal) -> Result<(), confine::Refusal> {
    for rel in &j.moves {
        let to = dir.join(rel);
        if let Some(parent) = to.parent() {
            confine::real_dir_or_absent(parent)?;
            if let Err(e) = std::fs::create_dir(parent)
                && e.kind() != std::io::ErrorKind::AlreadyExists
            {
                return Err(confine::Refusal {
                    path: parent.to_path_buf(),
                    message: format!("cannot create the folder: {e}"),
                    hint: "check the folder's permissions".into(),
                });
            }
        }
        if std::fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
            return Err(confine::Refusal {
                path: to,
                message: "is a folder where billposter writes a file".into(),
                hint: "move the folder away, or render to another --out".into(),
            });
        }
    }
    Ok(())
}

/// Move the staged files into place and remove the stale ones; then drop the staging folder.
pub fn apply(dir: &Path, j: &Journal) -> std::io::Result<()> {
    let staging = dir.join(STAGING_DIR);
    for rel in j.moves.iter().filter(|r| confine::is_owned_rel(r) || r.as_str() == OWNED) {
        let from = staging.join(rel);
        if std::fs::symlink_metadata(&from).is_ok_and(|m| m.is_file()) {
            std::fs::rename(&from, dir.join(rel)).map_err(|e| with_path(e, &dir.join(rel)))?;
        }
    }
    for rel in j.removes.iter().filter(|r| confine::is_owned_rel(r)) {
        let p = dir.join(rel);
        if std::fs::symlink_metadata(&p).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&p).map_err(|e| with_path(e, &p))?;
        }
    }
    std::fs::remove_dir_all(&staging).map_err(|e| with_path(e, &staging))
}

use super::with_path;

/// Before a run: finish a committed run a kill interrupted, drop an uncommitted one's staging
/// folder and temporary files. Call with the folder locked and checked ([`confine::check`]).
pub fn recover(dir: &Path) -> std::io::Result<()> {
    let staging = dir.join(STAGING_DIR);
    if std::fs::symlink_metadata(&staging).is_ok_and(|m| m.is_dir()) {
        let journal = read_small(&staging.join(JOURNAL)).ok().and_then(|b| serde_json::from_slice::<Journal>(&b).ok());
        match journal {
            Some(j) => apply(dir, &j)?,
            None => std::fs::remove_dir_all(&staging).map_err(|e| with_path(e, &staging))?,
        }
    }
    confine::remove_temp_leftovers(dir);
    Ok(())
}

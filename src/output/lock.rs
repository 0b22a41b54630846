//! One render per output folder at a time: an advisory lock (`flock`) on the campaign's output
//! folder itself, so no lock file is left behind and a killed run's lock goes with its process.
//! A second render does not wait: it exits 2 saying another render holds the folder.

use super::confine::{self, Refusal};
use std::fs::{File, TryLockError};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Held for the whole run; released when dropped (or when the process ends, however it ends).
pub struct Lock {
    _dir: File,
}

/// Create `dir` if needed (never through a link) and lock it.
pub fn acquire(dir: &Path) -> Result<Lock, Refusal> {
    let io = |e: std::io::Error| Refusal {
        path: dir.to_path_buf(),
        message: format!("cannot create or open the output folder: {e}"),
        hint: "check the --out folder's permissions".into(),
    };
    // A run that wrote nothing removes the folder it created; a run that opened it just before
    // then holds a lock on a removed folder, so the folder is looked up again until the path and
    // the locked folder are the same one.
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    for _ in 0..3 {
        confine::real_dir_or_absent(dir)?;
        match std::fs::create_dir(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io(e)),
        }
        let f = File::open(dir).map_err(io)?;
        match f.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Refusal {
                    path: dir.to_path_buf(),
                    message: "another billposter render is writing this folder".into(),
                    hint: "wait for it to finish, then run again".into(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let held = f.metadata().map_err(io)?;
        match std::fs::symlink_metadata(dir) {
            Ok(now) if now.is_dir() && now.dev() == held.dev() && now.ino() == held.ino() => return Ok(Lock { _dir: f }),
            _ => continue,
        }
    }
    Err(io(std::io::Error::other("the folder kept being replaced while it was being locked")))
}

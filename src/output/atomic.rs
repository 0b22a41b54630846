//! Atomic writes: a temporary file in the same folder, then a rename, so an interrupted run
//! never leaves a half-written file under a real name.
//!
//! No fsync: it guards against power loss, not interruption, and costs ~5 ms a file (a third of
//! a one-poster run). On ext4 (auto_da_alloc) and most journaling filesystems a rename over an
//! existing file flushes its data first anyway.

use std::io::Write;
use std::path::Path;

pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

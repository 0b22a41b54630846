//! `billposter watch CAMPAIGN`: render, then render again each time the campaign file or a file
//! beside it (fonts, logo, profile) is saved. Saves are debounced (editors write in bursts); the
//! cache means only the assets an edit touches are rendered again. A broken edit prints its
//! errors and leaves the last good output in place (a render writes nothing on errors).

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Editors save in several writes (temp file, rename, metadata): wait for quiet first.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Watch until interrupted. `render` runs one render and returns its exit code.
pub fn watch(campaign: &Path, out: &Path, render: impl Fn() -> ExitCode) -> ExitCode {
    let folder = campaign.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    render();
    // After the first render, so the folder exists and resolves to the absolute path events carry.
    let out_abs = std::fs::canonicalize(out).unwrap_or_else(|_| std::env::current_dir().map(|d| d.join(out)).unwrap_or_else(|_| out.to_path_buf()));
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}: error[io]: cannot watch files: {e}", folder.display());
            return ExitCode::from(2);
        }
    };
    if let Err(e) = debouncer.watcher().watch(&folder, RecursiveMode::NonRecursive) {
        eprintln!("{}: error[io]: cannot watch the folder: {e}", folder.display());
        return ExitCode::from(2);
    }
    eprintln!("watching {} for changes (Ctrl-C to stop)", folder.display());
    for batch in rx {
        let Ok(events) = batch else { continue };
        // The output folder may sit beside the campaign: its own writes are not edits.
        let mut changed: Vec<PathBuf> = events.into_iter().map(|e| e.path).filter(|p| !p.starts_with(&out_abs) && !is_hidden(p)).collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let names: Vec<String> = changed.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
        eprintln!("changed: {}; rendering again", names.join(", "));
        render();
    }
    ExitCode::SUCCESS
}

/// Editor swap and backup files (`.campaign.yaml.swp`, `campaign.yaml~`) are not edits.
fn is_hidden(p: &Path) -> bool {
    p.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| n.starts_with('.') || n.ends_with('~'))
}

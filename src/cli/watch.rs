//! `billposter watch CAMPAIGN`: render, then render again each time the campaign file or a file
//! it names (fonts, logo, photographs, output profile; in any folder, `photos/worried.jpg` too)
//! is saved. Saves are debounced (editors write in bursts); the cache means only the assets an
//! edit touches are rendered again. A broken edit prints its errors and leaves the last good
//! output in place (a render writes nothing on errors).
//!
//! What is watched: the folder of each of those files, not recursively, and of those folders'
//! events only the ones on those files count. So the output folder (which may sit inside the
//! campaign's folder), a log or any other file saved beside the campaign never starts a render,
//! and a folder of thousands of photos costs one watch. The list is read again after every
//! render: an edit that names a new photo watches it from then on. A file named in a folder
//! that does not exist yet is seen once its folder exists and the campaign is saved again.
//!
//! Only writes, creations, renames, removals and attribute changes are edits: opening or reading
//! a file is not (every render reads the campaign and its files; counted as edits, each render
//! started the next, for ever). That is why events come from `notify` itself, with their kind,
//! and are debounced here (notify-debouncer-mini drops the kind).

use crate::campaign::named_files;
use notify::event::{AccessKind, AccessMode};
use notify::{self, Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
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
    let out_abs = absolute(out);
    let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
    let handler = move |res: notify::Result<Event>| {
        let Ok(e) = res else { return };
        if is_edit(&e.kind) {
            for p in e.paths {
                let _ = tx.send(p);
            }
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}: error[io]: cannot watch files: {e}", folder.display());
            return ExitCode::from(2);
        }
    };
    let mut w = Watched::default();
    if let Err(e) = w.update(&mut watcher, campaign, &out_abs) {
        eprintln!("{}: error[io]: cannot watch the folder: {e}", folder.display());
        return ExitCode::from(2);
    }
    eprintln!("watching {} and the files it names for changes (Ctrl-C to stop)", campaign.display());
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while let Ok(p) = rx.recv_timeout(DEBOUNCE) {
            batch.push(p);
        }
        let mut changed: Vec<PathBuf> = batch.iter().map(|p| normal(p)).filter(|p| w.files.contains(p)).collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let names: Vec<String> = changed.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
        eprintln!("changed: {}; rendering again", names.join(", "));
        render();
        // The campaign may name other files now (a new photo); its own folder stays watched.
        if let Err(e) = w.update(&mut watcher, campaign, &out_abs) {
            eprintln!("{}: warning[io]: cannot watch the folder: {e}", folder.display());
        }
    }
    ExitCode::SUCCESS
}

/// The files whose saves start a render, and the folders watched to see them.
#[derive(Default)]
struct Watched {
    /// Normalised (see [`normal`]): the campaign file, each named file, and where a named file
    /// is a link, the file it points to.
    files: BTreeSet<PathBuf>,
    folders: BTreeSet<PathBuf>,
    /// The campaign's output folder, `OUT/<id>/`: never watched.
    output: Option<PathBuf>,
}

impl Watched {
    /// Read the campaign's list again and watch what it names. A campaign that does not parse
    /// keeps the last list (the user is mid-edit). Only a failure to watch the campaign's own
    /// folder is an error; a named file's folder that cannot be watched is said once.
    fn update(&mut self, watcher: &mut RecommendedWatcher, campaign: &Path, out_abs: &Path) -> Result<(), String> {
        let own = normal(campaign);
        let mut files = BTreeSet::from([own.clone()]);
        match named_files(campaign) {
            Some(named) => {
                self.output = Some(out_abs.join(&named.id));
                for f in &named.files {
                    files.insert(normal(f));
                    // A link (a shared brand folder, say): its target's saves count too.
                    if let Ok(target) = std::fs::canonicalize(f) {
                        files.insert(target);
                    }
                }
            }
            None => files.extend(self.files.iter().cloned()),
        }
        let own_folder = own.parent().map(Path::to_path_buf).unwrap_or_default();
        let in_output = |p: &Path| self.output.as_deref().is_some_and(|o| p.starts_with(o));
        let folders: BTreeSet<PathBuf> =
            files.iter().filter_map(|f| f.parent().map(Path::to_path_buf)).filter(|p| *p == own_folder || (p.is_dir() && !in_output(p))).collect();
        for gone in self.folders.difference(&folders) {
            let _ = watcher.unwatch(gone);
        }
        for new in folders.difference(&self.folders) {
            if let Err(e) = watcher.watch(new, RecursiveMode::NonRecursive) {
                if *new == own_folder {
                    return Err(e.to_string());
                }
                eprintln!("{}: warning[io]: cannot watch this folder ({e}); saves of the files in it are not seen", new.display());
            }
        }
        self.files = files.into_iter().filter(|f| !in_output(f)).collect();
        self.files.insert(own);
        self.folders = folders;
        Ok(())
    }
}

/// A change of a file's bytes, name or attributes; not an open, a read or a close after reading.
fn is_edit(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A path as watch events carry it: absolute, its folder with links and `..` resolved (the file
/// itself may not exist: a save by rename, or a photo not yet copied in).
fn normal(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf()) };
    match (abs.parent().and_then(|d| std::fs::canonicalize(d).ok()), abs.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => abs,
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf()))
}

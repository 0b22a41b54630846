//! One campaign run as a transaction: render every planned asset, gather every finding, and
//! write only when the run may (no blocking finding, or `--allow-findings`) — the staged asset
//! files moved into place, the campaign-wide files and the manifest last, then the cache. Every
//! failure is a diagnostic, so `--format json` reports it like any other finding.

use super::{Options, Rendered, Stage, Timings, findings, render_all};
use crate::cache::Cache;
use crate::output::journal::{self, Journal};
use crate::output::{self, OutFile, Staging, confine, lock, manifest, posting_plan, print_order, redirects};
use crate::plan::Plan;
use crate::vocab::{Code, Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// What the caller asks for.
pub struct Request<'a> {
    /// Where to write (`render`); `None` renders in memory and writes nothing (`check`).
    pub out: Option<&'a Path>,
    /// Every asset of the campaign was planned (no `--only`/`--message`): the campaign-wide
    /// files are written and stale files removed.
    pub full: bool,
    /// Render every asset, ignoring the cache.
    pub force: bool,
    pub allow_findings: bool,
    pub deny_warnings: bool,
}

/// How the run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything checked (and written, for a render).
    Done,
    /// Blocking findings; `written` says whether `--allow-findings` wrote the files anyway.
    Blocked { written: bool },
    /// An I/O failure: nothing was written.
    Failed,
    /// A photograph could not be decoded past its header (a load error found during the run):
    /// nothing was written, whatever the flags.
    Invalid,
}

/// What a render wrote.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Summary {
    pub dir: PathBuf,
    pub assets: usize,
    pub rendered: usize,
    pub files_written: usize,
    /// Files that did not exist before this run.
    pub created: Vec<String>,
    /// Files whose bytes this run changed.
    pub changed: Vec<String>,
    /// Files an earlier run made that this one no longer makes, removed.
    pub removed: Vec<String>,
}

/// What one commit did to the folder.
struct Changes {
    created: Vec<String>,
    changed: Vec<String>,
    removed: Vec<String>,
}

pub struct Outcome {
    /// Every finding of the run, the load's warnings first, then captions, then assets in plan
    /// order, then any I/O failure.
    pub findings: Diagnostics,
    pub assets: usize,
    pub status: Status,
    pub summary: Option<Summary>,
}

/// Render, check and (when asked and allowed) write one plan. `warnings`: the campaign load's.
pub fn run(plan: &Plan, warnings: Diagnostics, req: &Request, timings: &Timings, tick: &(dyn Fn() + Sync)) -> Outcome {
    let mut all = warnings;
    let n = plan.assets.len();
    let dir = req.out.map(|o| o.join(&plan.campaign_id));
    let fail = |mut all: Diagnostics, d: Diagnostic| {
        all.push(d);
        Outcome { findings: all, assets: n, status: Status::Failed, summary: None }
    };
    if let Some(out) = req.out
        && out.exists()
        && !out.is_dir()
    {
        return fail(all, Diagnostic::error(Code::Io, "the output folder is a file").in_file(out));
    }
    // Before anything is rendered: the folder is checked (no link where a render writes), locked
    // (one render at a time) and recovered (a killed run finished or dropped).
    let mut _lock = None;
    if let Some(dir) = dir.as_deref() {
        if let Err(r) = confine::check(dir) {
            return fail(all, refusal(r));
        }
        match lock::acquire(dir) {
            Ok(l) => _lock = Some(l),
            Err(r) => return fail(all, refusal(r)),
        }
        if let Err(e) = journal::recover(dir) {
            return fail(all, io_error(dir, "cannot finish or clean up an interrupted run", &e));
        }
    }
    let staging = dir.as_deref().map(Staging::new);
    let cache = dir.as_deref().filter(|_| !req.force).map(Cache::new);
    let opts = Options { cache: cache.as_ref(), staging: staging.as_ref(), timings };
    let assets = render_all(&plan.assets, &plan.context, &opts, tick);
    let unreadable = plan.unreadable_photos();
    if !unreadable.is_empty() {
        if let Some(s) = staging {
            s.discard();
        }
        all.extend(Diagnostics(unreadable));
        return Outcome { findings: all, assets: n, status: Status::Invalid, summary: None };
    }
    let (posting, caption_findings) = posting_plan::posting_plan(plan);
    all.extend(Diagnostics(caption_findings));
    all.extend(Diagnostics(plan.findings.clone()));
    all.extend(Diagnostics(crate::preflight::check_copy(plan)));
    all.extend(findings(&assets));
    let order = print_order::print_order(plan);
    let redirects = redirects::redirects(plan);

    let blocking = all.iter().any(|d| d.is_error() || (req.deny_warnings && !d.is_error()));
    let blocked = Status::Blocked { written: false };
    let (Some(dir), Some(staging)) = (dir, staging) else {
        let status = if blocking { blocked } else { Status::Done };
        return Outcome { findings: all, assets: n, status, summary: None };
    };
    if all.iter().any(|d| d.code == Code::Io) {
        staging.discard();
        return Outcome { findings: all, assets: n, status: Status::Failed, summary: None };
    }
    if blocking && !req.allow_findings {
        staging.discard();
        return Outcome { findings: all, assets: n, status: blocked, summary: None };
    }
    let t = std::time::Instant::now();
    let written = commit(&dir, &plan.campaign_id, &staging, &assets, req.full, (order, posting, redirects), cache.unwrap_or_else(|| Cache::new(&dir)));
    timings.add(Stage::Write, t.elapsed());
    match written {
        Ok(Changes { created, changed, removed }) => {
            let rendered = assets.iter().filter(|a| !a.unchanged).count();
            let files_written = created.len() + changed.len();
            let summary = Summary { dir, assets: n, rendered, files_written, created, changed, removed };
            // Written with --allow-findings: the files are there, but the run still says it had
            // blocking findings.
            let status = if blocking { Status::Blocked { written: true } } else { Status::Done };
            Outcome { findings: all, assets: n, status, summary: Some(summary) }
        }
        Err(d) => fail(all, *d),
    }
}

/// Stage the campaign-wide files, the manifest and the list of owned files beside the assets',
/// commit them together ([`journal`]), then store the cache. After a full render, files the
/// previous run owned that this one did not make are removed in the same commit; nothing else is
/// ever removed (a file the user put in `print/` stays). Returns how many files were written.
fn commit(
    dir: &Path,
    campaign_id: &str,
    staging: &Staging,
    assets: &[Rendered],
    full: bool,
    (order, posting, redirects): (print_order::PrintOrder, posting_plan::PostingPlan, redirects::Redirects),
    cache: Cache,
) -> Result<Changes, Box<Diagnostic>> {
    let fail = |d: Diagnostic| {
        staging.discard();
        Err(Box::new(d))
    };
    let mut files: Vec<OutFile> = assets.iter().flat_map(|a| a.files.iter().cloned()).collect();
    if full {
        files.extend(order.files().into_iter().chain(posting.files()));
    }
    // The short-link map is campaign-wide whatever the selection (plan::Plan::redirects), so a
    // filtered run writes it whole too: a reprint's code is never missing from the server's map.
    files.extend(redirects.files());
    let manifest = manifest::Manifest {
        campaign: campaign_id.to_string(),
        assets: assets.iter().map(|a| a.record.entry.clone()).collect(),
        print_order: full.then_some(order),
        posting_plan: full.then_some(posting),
    };
    let json = if full { manifest.to_json() } else { manifest::merge_into_existing(dir, &manifest) };
    // The sign-off page describes a whole campaign: written by full renders only, from the
    // manifest, with links to the campaign-wide files staged beside it.
    if full {
        let names: Vec<String> = files.iter().filter(|f| !f.rel.contains('/')).map(|f| f.rel.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        files.push(output::proof::page(&manifest, &names));
    }
    files.push(OutFile { rel: "manifest.json".into(), bytes: json.into_bytes() });

    let old_owned = journal::read_owned(dir);
    let mut owned: Vec<String> = assets.iter().flat_map(|a| a.record.files.iter().map(|f| f.rel.clone())).chain(files.iter().map(|f| f.rel.clone())).collect();
    if !full {
        owned.extend(old_owned.iter().cloned());
    }
    owned.sort();
    owned.dedup();
    let removes: Vec<String> = if full { old_owned.into_iter().filter(|r| !owned.contains(r)).collect() } else { vec![] };
    files.push(OutFile { rel: journal::OWNED.into(), bytes: journal::owned_json(&owned) });

    let mut moves: Vec<String> = assets.iter().flat_map(|a| a.staged.iter().cloned()).collect();
    for f in &files {
        // A rerun with nothing changed writes nothing, not even the manifest.
        if output::read_small(&dir.join(&f.rel)).is_ok_and(|old| old == f.bytes) {
            continue;
        }
        if let Err(e) = staging.put(f) {
            return fail(io_error(dir, "cannot write", &e));
        }
        moves.push(f.rel.clone());
    }
    // Reported by name: the owned-files list is bookkeeping, not output.
    let mut created = Vec::new();
    let mut changed = Vec::new();
    for rel in moves.iter().filter(|r| r.as_str() != journal::OWNED) {
        if dir.join(rel).exists() { changed.push(rel.clone()) } else { created.push(rel.clone()) }
    }
    let removed = removes.clone();
    if !moves.is_empty() || !removes.is_empty() {
        let j = Journal { moves, removes };
        if let Err(r) = journal::prepare(dir, &j) {
            return fail(refusal(r));
        }
        if let Err(e) = journal::write(dir, &j) {
            return fail(io_error(dir, "cannot write", &e));
        }
        // Committed: from here a failure leaves the journal for the next run to finish.
        if let Err(e) = journal::apply(dir, &j) {
            return Err(Box::new(
                io_error(dir, "the run was committed but could not be applied to the end", &e).hint("run again: the next run finishes it before anything else"),
            ));
        }
    }
    staging.discard();
    for a in assets.iter().filter(|a| !a.unchanged) {
        // A cache entry that cannot be written only costs a re-render next time.
        let _ = cache.store(&a.spec.key, &a.record);
    }
    if full {
        cache.prune(&assets.iter().map(|a| a.spec.key.as_str()).collect::<Vec<_>>());
    }
    Ok(Changes { created, changed, removed })
}

fn refusal(r: confine::Refusal) -> Diagnostic {
    Diagnostic::error(Code::Io, r.message).in_file(&r.path).hint(r.hint)
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("{what}: {e}")).in_file(path)
}

//! One campaign run as a transaction: render every planned asset, gather every finding, and
//! write only when the run may (no blocking finding, or `--allow-findings`) — the staged asset
//! files moved into place, the campaign-wide files and the manifest last, then the cache. Every
//! failure is a diagnostic, so `--format json` reports it like any other finding.

use super::{Options, Rendered, Stage, Timings, findings, render_all};
use crate::cache::Cache;
use crate::output::{self, OutFile, Staging, manifest, posting_plan, print_order};
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
}

/// What a render wrote.
#[derive(Clone, Debug)]
pub struct Summary {
    pub dir: PathBuf,
    pub assets: usize,
    pub rendered: usize,
    pub files_written: usize,
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
    let staging = match dir.as_deref().map(Staging::new).transpose() {
        Ok(s) => s,
        Err(e) => return fail(all, io_error(dir.as_deref().unwrap_or(Path::new(".")), "cannot write", &e)),
    };
    let cache = dir.as_deref().filter(|_| !req.force).map(Cache::new);
    let opts = Options { cache: cache.as_ref(), staging: staging.as_ref(), timings };
    let assets = render_all(&plan.assets, &opts, tick);
    let (posting, caption_findings) = posting_plan::posting_plan(plan);
    all.extend(Diagnostics(caption_findings));
    all.extend(Diagnostics(crate::preflight::check_copy(plan)));
    all.extend(findings(&assets));
    let order = print_order::print_order(plan);

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
    let written = commit(&dir, &plan.campaign_id, &staging, &assets, req.full, (order, posting), cache.unwrap_or_else(|| Cache::new(&dir)));
    timings.add(Stage::Write, t.elapsed());
    match written {
        Ok(files_written) => {
            let rendered = assets.iter().filter(|a| !a.unchanged).count();
            let summary = Summary { dir, assets: n, rendered, files_written };
            // Written with --allow-findings: the files are there, but the run still says it had
            // blocking findings.
            let status = if blocking { Status::Blocked { written: true } } else { Status::Done };
            Outcome { findings: all, assets: n, status, summary: Some(summary) }
        }
        Err(d) => fail(all, *d),
    }
}

/// Move the staged files into place, write the campaign-wide files and the manifest, then the
/// cache; after a full render remove what earlier runs left that this one did not make.
/// Returns how many files were written.
fn commit(
    dir: &Path,
    campaign_id: &str,
    staging: &Staging,
    assets: &[Rendered],
    full: bool,
    (order, posting): (print_order::PrintOrder, posting_plan::PostingPlan),
    cache: Cache,
) -> Result<usize, Box<Diagnostic>> {
    let mut files: Vec<&OutFile> = assets.iter().flat_map(|a| a.files.iter()).collect();
    let extra: Vec<OutFile> = if full { order.files().into_iter().chain([posting.file()]).collect() } else { vec![] };
    files.extend(extra.iter());
    let manifest = manifest::Manifest {
        campaign: campaign_id.to_string(),
        assets: assets.iter().map(|a| a.record.entry.clone()).collect(),
        print_order: full.then_some(order),
        posting_plan: full.then_some(posting),
    };
    let json = if full { manifest.to_json() } else { manifest::merge_into_existing(dir, &manifest) };
    let staged: Vec<&str> = assets.iter().flat_map(|a| a.staged.iter().map(String::as_str)).collect();
    if let Err(e) = staging.commit(dir, &staged) {
        staging.discard();
        return Err(Box::new(io_error(dir, "cannot write", &e)));
    }
    let written = output::write_all(dir, &files, &json).map(|n| n + staged.len()).map_err(|e| Box::new(io_error(dir, "cannot write", &e)))?;
    for a in assets.iter().filter(|a| !a.unchanged) {
        // A cache entry that cannot be written only costs a re-render next time.
        let _ = cache.store(&a.spec.key, &a.record);
    }
    if full {
        let owned: Vec<&str> = assets.iter().flat_map(|a| a.record.files.iter().map(|f| f.rel.as_str())).collect();
        output::remove_stale(dir, &owned);
        cache.prune(&assets.iter().map(|a| a.spec.key.as_str()).collect::<Vec<_>>());
    }
    Ok(written)
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("{what}: {e}")).in_file(path)
}

//! Command line: parse, call the library, print, exit. Exit codes: 0 done, 1 blocking findings,
//! 2 bad invocation, bad campaign file or I/O failure.

mod report;

use crate::cache::Cache;
use crate::campaign::{self, Campaign};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output;
use crate::pipeline;
use crate::plan::Selection;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "billposter", version, about = "One campaign file → every poster, checked and written")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Select {
    /// Only this format id, or one kind: print, social or screen.
    #[arg(long, value_name = "FORMAT|print|social|screen")]
    only: Option<String>,
    /// Only this message id.
    #[arg(long, value_name = "ID")]
    message: Option<String>,
}

#[derive(clap::Args)]
struct Gate {
    /// Treat warnings as blocking.
    #[arg(long)]
    deny_warnings: bool,
    /// How findings are printed: a table on stderr, or JSON on stdout.
    #[arg(long, value_enum, default_value = "text")]
    format: report::Format,
}

#[derive(Subcommand)]
enum Command {
    /// Render, check and write every asset of a campaign into OUT/<campaign-id>/.
    Render {
        campaign: PathBuf,
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        gate: Gate,
        /// Write even when blocking findings were reported (they are recorded in the manifest).
        #[arg(long)]
        allow_findings: bool,
        /// Worker threads (default: one per core). Output is identical for any value.
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Render every asset, ignoring the cache of unchanged assets.
        #[arg(long)]
        force: bool,
        /// Print where the time went (load, layout, raster, encode, pdf, preflight, write).
        #[arg(long)]
        timings: bool,
    },
    /// Validate, lay out, render in memory and preflight every asset; write nothing.
    Check {
        campaign: PathBuf,
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        gate: Gate,
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
    },
    /// Print the format catalogue (built-in, or with a campaign's overrides).
    Formats {
        /// Show the catalogue as this campaign file changes it.
        campaign: Option<PathBuf>,
    },
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Render { campaign, out, select, gate, allow_findings, jobs, force, timings } => {
            set_jobs(jobs);
            let w = Write { out: &out, allow_findings, force };
            run_campaign(&campaign, &select, &gate, Some(w), timings)
        }
        Command::Check { campaign, select, gate, jobs } => {
            set_jobs(jobs);
            run_campaign(&campaign, &select, &gate, None, false)
        }
        Command::Formats { campaign } => formats(campaign.as_deref()),
    }
}

fn set_jobs(jobs: Option<usize>) {
    if let Some(j) = jobs {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(j.max(1)).build_global();
    }
}

fn load(path: &Path, select: &Select, format: report::Format) -> Result<(Campaign, Selection, Diagnostics), ExitCode> {
    let (c, warnings) = match campaign::load(path) {
        Ok(x) => x,
        Err(errors) => {
            report::print(&errors);
            // With --format json the campaign's errors are findings too, on stdout.
            if format == report::Format::Json {
                report::findings(&errors, format, 0);
            }
            return Err(ExitCode::from(2));
        }
    };
    let sel = Selection { only: select.only.clone(), message: select.message.clone() };
    let usage = |msg: String, hint: String| {
        report::print(&Diagnostics(vec![Diagnostic::error("usage", msg).hint(hint)]));
        Err(ExitCode::from(2))
    };
    if let Some(o) = &sel.only
        && !matches!(o.as_str(), "print" | "social" | "screen") && c.format(o).is_none() {
            let ids: Vec<&str> = c.formats.iter().map(|f| f.id.as_str()).collect();
            return usage(format!("--only {o}: no such format or kind"), format!("print, social, screen, or one of: {}", ids.join(", ")));
        }
    if let Some(m) = &sel.message
        && !c.messages.iter().any(|x| &x.id.value == m) {
            let ids: Vec<&str> = c.messages.iter().map(|x| x.id.value.as_str()).collect();
            return usage(format!("--message {m}: no such message"), format!("messages: {}", ids.join(", ")));
        }
    Ok((c, sel, warnings))
}

struct Write<'a> {
    out: &'a Path,
    allow_findings: bool,
    force: bool,
}

/// `render` (with an output folder) and `check` (without): the same work up to writing.
fn run_campaign(path: &Path, select: &Select, gate: &Gate, write: Option<Write>, show_timings: bool) -> ExitCode {
    let timings = pipeline::Timings::default();
    let loaded = timings.time("load", || load(path, select, gate.format));
    let (c, sel, mut findings) = match loaded {
        Ok(x) => x,
        Err(code) => return code,
    };
    let specs = crate::plan::plan(&c, &sel);
    if specs.is_empty() {
        report::print(&Diagnostics(vec![Diagnostic::error("usage", "the selection matches no asset of this campaign")]));
        return ExitCode::from(2);
    }
    let full = sel.only.is_none() && sel.message.is_none();
    let dir = write.as_ref().map(|w| w.out.join(&c.id));
    let cache = dir.as_ref().filter(|_| !write.as_ref().is_some_and(|w| w.force)).map(|d| Cache::new(d));
    let bar = report::progress(specs.len() as u64);
    if let Some(w) = &write
        && w.out.exists()
        && !w.out.is_dir()
    {
        eprintln!("{}: error[io]: the output folder is a file", w.out.display());
        return ExitCode::from(2);
    }
    let staging = match dir.as_ref().map(|d| output::Staging::new(d)).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error[io]: cannot write {}: {e}", dir.as_ref().map(|d| d.display().to_string()).unwrap_or_default());
            return ExitCode::from(2);
        }
    };
    let opts = pipeline::Options { cache: cache.as_ref(), timings: &timings, staging: staging.as_ref() };
    let assets = pipeline::render_all(&c, &specs, &opts, &|| bar.inc(1));
    bar.finish_and_clear();
    let path_of = |s: &crate::plan::AssetSpec| pipeline::main_file(s);
    let (plan, caption_findings) = output::posting_plan::posting_plan(&c, &specs, path_of);
    findings.extend(Diagnostics(caption_findings));
    findings.extend(pipeline::findings(&assets));
    let order = output::print_order::print_order(&c, &specs, path_of);

    let blocking = findings.iter().any(|d| d.is_error() || (gate.deny_warnings && !d.is_error()));
    report::findings(&findings, gate.format, assets.len());
    let (Some(w), Some(dir)) = (write, dir) else {
        return if blocking { ExitCode::from(1) } else { ExitCode::SUCCESS };
    };
    let staging = staging.expect("render stages");
    if findings.iter().any(|d| d.code == "io") {
        staging.discard();
        eprintln!("billposter: could not write; nothing written");
        return ExitCode::from(2);
    }
    if blocking && !w.allow_findings {
        staging.discard();
        eprintln!("billposter: blocking findings; nothing written (use --allow-findings to write anyway)");
        return ExitCode::from(1);
    }
    let t = std::time::Instant::now();
    let mut files: Vec<&output::OutFile> = assets.iter().flat_map(|a| a.files.iter()).collect();
    let extra: Vec<output::OutFile> = if full { order.files().into_iter().chain([plan.file()]).collect() } else { vec![] };
    files.extend(extra.iter());
    let manifest = output::manifest::Manifest {
        campaign: c.id.clone(),
        assets: assets.iter().map(|a| a.record.entry.clone()).collect(),
        print_order: full.then_some(order),
        posting_plan: full.then_some(plan),
    };
    let json = if full { manifest.to_json() } else { output::manifest::merge_into_existing(&dir, &manifest) };
    let staged: Vec<&str> = assets.iter().flat_map(|a| a.staged.iter().map(String::as_str)).collect();
    if let Err(e) = staging.commit(&dir, &staged) {
        staging.discard();
        eprintln!("error[io]: cannot write {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let written = match output::write_all(&dir, &files, &json).map(|n| n + staged.len()) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error[io]: cannot write {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    let cache = cache.unwrap_or_else(|| Cache::new(&dir));
    for a in assets.iter().filter(|a| !a.unchanged) {
        // A cache entry that cannot be written only costs a re-render next time.
        let _ = cache.store(&a.spec.key, &a.record);
    }
    if full {
        let owned: Vec<&str> = assets.iter().flat_map(|a| a.record.files.iter().map(|f| f.rel.as_str())).collect();
        output::remove_stale(&dir, &owned);
        cache.prune(&assets.iter().map(|a| a.spec.key.as_str()).collect::<Vec<_>>());
    }
    timings.add("write", t.elapsed());
    if gate.format == report::Format::Text {
        let fresh = assets.iter().filter(|a| !a.unchanged).count();
        eprintln!("{} assets: {fresh} rendered, {} unchanged; {written} files written to {}", assets.len(), assets.len() - fresh, dir.display());
    }
    if show_timings {
        report::timings(&timings);
    }
    // Written with --allow-findings: the files are there, but the run still says it had
    // blocking findings.
    if blocking { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn formats(path: Option<&Path>) -> ExitCode {
    let list = match path {
        None => crate::campaign::formats::builtin(),
        Some(p) => match campaign::load(p) {
            Ok((c, _)) => c.formats,
            Err(e) => {
                report::print(&e);
                return ExitCode::from(2);
            }
        },
    };
    print!("{}", report::format_table(&list));
    ExitCode::SUCCESS
}

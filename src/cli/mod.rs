//! Command line: parse, call the library, print, exit. Exit codes: 0 done, 1 blocking findings,
//! 2 bad invocation, bad campaign file or I/O failure.

mod init;
mod report;
mod watch;

use crate::campaign::{self, Campaign};
use crate::pipeline::{self, Request, Stage, Status, Timings};
use crate::plan::Selection;
use crate::vocab::{Code, Diagnostic, Diagnostics, Timestamp};
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

/// What `check`, `render` and `watch` all take: the campaign, what to make, how to judge it.
#[derive(clap::Args)]
struct Source {
    campaign: PathBuf,
    #[command(flatten)]
    select: Select,
    #[command(flatten)]
    gate: Gate,
    /// Worker threads (default: one per core). Output is identical for any value.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

/// What `render` and `watch` take: a source and where to write.
#[derive(clap::Args)]
struct Target {
    #[command(flatten)]
    source: Source,
    #[arg(long, default_value = "output")]
    out: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Render, check and write every asset of a campaign into OUT/<campaign-id>/.
    Render {
        #[command(flatten)]
        target: Target,
        /// Write even when blocking findings were reported (they are recorded in the manifest).
        #[arg(long)]
        allow_findings: bool,
        /// Render every asset, ignoring the cache of unchanged assets.
        #[arg(long)]
        force: bool,
        /// Print where the time went (load, layout, raster, encode, pdf, preflight, write).
        #[arg(long)]
        timings: bool,
        /// List every file the render wrote, changed and removed.
        #[arg(long, short = 'v')]
        verbose: bool,
    },
    /// Validate, lay out, render in memory and preflight every asset; write nothing.
    Check {
        #[command(flatten)]
        source: Source,
    },
    /// Print the format catalogue (built-in, or with a campaign's overrides).
    Formats {
        /// Show the catalogue as this campaign file changes it.
        campaign: Option<PathBuf>,
    },
    /// Write a commented starter campaign (and its JSON Schema beside it) to start from.
    Init {
        /// The campaign file to create; never overwritten.
        #[arg(default_value = "campaign.yaml")]
        path: PathBuf,
    },
    /// Print the JSON Schema of the campaign file, for editors (yaml-language-server).
    Schema,
    /// Render, then render again whenever the campaign or a file it names (fonts, logo, photos) is saved.
    Watch {
        #[command(flatten)]
        target: Target,
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
        Command::Render { target: Target { source: Source { campaign, select, gate, jobs }, out }, allow_findings, force, timings, verbose } => {
            set_jobs(jobs);
            let w = Write { out: &out, allow_findings, force, verbose };
            run_campaign(&campaign, &select, &gate, Some(w), timings)
        }
        Command::Check { source: Source { campaign, select, gate, jobs } } => {
            set_jobs(jobs);
            run_campaign(&campaign, &select, &gate, None, false)
        }
        Command::Formats { campaign } => formats(campaign.as_deref()),
        Command::Init { path } => match init::init(&path) {
            Ok(()) => {
                eprintln!(
                    "wrote {} (and campaign.schema.json beside it): replace the placeholder helpline, website and link, then run `billposter check {}`",
                    path.display(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                report::print(&d);
                ExitCode::from(2)
            }
        },
        Command::Watch { target: Target { source: Source { campaign, select, gate, jobs }, out } } => {
            set_jobs(jobs);
            watch::watch(&campaign, &out, || {
                let w = Write { out: &out, allow_findings: false, force: false, verbose: false };
                run_campaign(&campaign, &select, &gate, Some(w), false)
            })
        }
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&crate::campaign::json_schema()).expect("schema serialises"));
            ExitCode::SUCCESS
        }
    }
}

/// The worker pool: `--jobs` threads (default: one per core), each with room on its stack for
/// the assets a waiting worker renders inside its wait (`vocab::made_once`).
fn set_jobs(jobs: Option<usize>) {
    let pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    let _ = match jobs {
        Some(j) => pool.num_threads(j.max(1)),
        None => pool,
    }
    .build_global();
}

const WORKER_STACK: usize = 16 << 20;

fn load(path: &Path, select: &Select, format: report::Format) -> Result<(Campaign, Selection, Diagnostics), ExitCode> {
    let (c, warnings) = match campaign::load(path) {
        Ok(x) => x,
        Err(errors) => {
            report::print(&errors);
            // With --format json the campaign's errors are findings too, on stdout.
            if format == report::Format::Json {
                report::findings(&errors, format, 0, None);
            }
            return Err(ExitCode::from(2));
        }
    };
    let sel = Selection { only: select.only.clone(), message: select.message.clone() };
    let usage = |msg: String, hint: String| {
        report::print(&Diagnostics(vec![Diagnostic::error(Code::Usage, msg).hint(hint)]));
        Err(ExitCode::from(2))
    };
    if let Some(o) = &sel.only
        && !matches!(o.as_str(), "print" | "social" | "screen")
        && c.format(o).is_none()
    {
        let ids: Vec<&str> = c.formats.iter().map(|f| f.id.as_str()).collect();
        return usage(format!("--only {o}: no such format or kind"), format!("print, social, screen, or one of: {}", ids.join(", ")));
    }
    if let Some(m) = &sel.message
        && !c.messages.iter().any(|x| &x.id.value == m)
    {
        let ids: Vec<&str> = c.messages.iter().map(|x| x.id.value.as_str()).collect();
        return usage(format!("--message {m}: no such message"), format!("messages: {}", ids.join(", ")));
    }
    Ok((c, sel, warnings))
}

struct Write<'a> {
    out: &'a Path,
    allow_findings: bool,
    force: bool,
    /// List every file written, changed and removed.
    verbose: bool,
}

/// `render` (with an output folder) and `check` (without): the same work up to writing.
fn run_campaign(path: &Path, select: &Select, gate: &Gate, write: Option<Write>, show_timings: bool) -> ExitCode {
    let timings = Timings::default();
    let loaded = timings.time(Stage::Load, || load(path, select, gate.format));
    let (c, sel, warnings) = match loaded {
        Ok(x) => x,
        Err(code) => return code,
    };
    // The environment is read here, at the edge, and nowhere below.
    let created = Timestamp::from_source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    let plan = crate::plan::plan(&c, &sel, created);
    drop(c);
    if plan.assets.is_empty() {
        report::print(&Diagnostics(vec![Diagnostic::error(Code::Usage, "the selection matches no asset of this campaign")]));
        return ExitCode::from(2);
    }
    let req = Request {
        out: write.as_ref().map(|w| w.out),
        full: sel.is_full(),
        force: write.as_ref().is_some_and(|w| w.force),
        allow_findings: write.as_ref().is_some_and(|w| w.allow_findings),
        deny_warnings: gate.deny_warnings,
    };
    let bar = report::progress(plan.assets.len() as u64);
    let outcome = pipeline::run(&plan, warnings, &req, &timings, &|| bar.inc(1));
    bar.finish_and_clear();
    report::findings(&outcome.findings, gate.format, outcome.assets, outcome.summary.as_ref());
    if let (Some(s), report::Format::Text) = (&outcome.summary, gate.format) {
        report::summary(s, write.as_ref().is_some_and(|w| w.verbose));
    }
    if show_timings {
        report::timings(&timings);
    }
    let writing = write.is_some();
    match outcome.status {
        Status::Done => ExitCode::SUCCESS,
        Status::Blocked { written: false } => {
            if writing {
                eprintln!("billposter: blocking findings; nothing written (use --allow-findings to write anyway)");
            }
            ExitCode::from(1)
        }
        Status::Blocked { written: true } => ExitCode::from(1),
        Status::Failed => {
            eprintln!("billposter: could not write; nothing written");
            ExitCode::from(2)
        }
        Status::Invalid => {
            if writing {
                eprintln!("billposter: a photograph could not be read; nothing written");
            }
            ExitCode::from(2)
        }
    }
}

fn formats(path: Option<&Path>) -> ExitCode {
    let list = match path {
        None => crate::vocab::format::builtin(),
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

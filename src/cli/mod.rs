//! Command line: parse, call the library, print, exit. Exit codes: 0 done, 1 blocking findings,
//! 2 bad invocation, bad campaign file or I/O failure.

mod report;

use crate::campaign::{self, Campaign};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output;
use crate::pipeline;
use crate::plan::Selection;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
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

#[derive(Subcommand)]
enum Command {
    /// Render every asset of a campaign into OUT/<campaign-id>/.
    Render {
        campaign: PathBuf,
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[command(flatten)]
        select: Select,
        /// Write even when blocking findings were reported.
        #[arg(long)]
        allow_findings: bool,
        /// Worker threads (default: one per core). Output is identical for any value.
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
    },
    /// Validate and lay out every asset; write nothing.
    Check {
        campaign: PathBuf,
        #[command(flatten)]
        select: Select,
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
        Command::Render { campaign, out, select, allow_findings, jobs } => {
            if let Some(j) = jobs {
                let _ = rayon::ThreadPoolBuilder::new().num_threads(j.max(1)).build_global();
            }
            render(&campaign, &out, &select, allow_findings)
        }
        Command::Check { campaign, select } => check(&campaign, &select),
        Command::Formats { campaign } => formats(campaign.as_deref()),
    }
}

fn load(path: &Path, select: &Select) -> Result<(Campaign, Selection), ExitCode> {
    let (c, warnings) = match campaign::load(path) {
        Ok(x) => x,
        Err(errors) => {
            report::print(&errors);
            return Err(ExitCode::from(2));
        }
    };
    report::print(&warnings);
    let sel = Selection { only: select.only.clone(), message: select.message.clone() };
    if let Some(o) = &sel.only {
        if !matches!(o.as_str(), "print" | "social" | "screen") && c.format(o).is_none() {
            let ids: Vec<&str> = c.formats.iter().map(|f| f.id.as_str()).collect();
            report::print(&Diagnostics(vec![Diagnostic::error("usage", format!("--only {o}: no such format or kind"))
                .hint(format!("print, social, screen, or one of: {}", ids.join(", ")))]));
            return Err(ExitCode::from(2));
        }
    }
    if let Some(m) = &sel.message {
        if !c.messages.iter().any(|x| &x.id.value == m) {
            let ids: Vec<&str> = c.messages.iter().map(|x| x.id.value.as_str()).collect();
            report::print(&Diagnostics(vec![Diagnostic::error("usage", format!("--message {m}: no such message"))
                .hint(format!("messages: {}", ids.join(", ")))]));
            return Err(ExitCode::from(2));
        }
    }
    Ok((c, sel))
}

fn render(path: &Path, out: &Path, select: &Select, allow_findings: bool) -> ExitCode {
    let (c, sel) = match load(path, select) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let specs = crate::plan::plan(&c, &sel);
    if specs.is_empty() {
        report::print(&Diagnostics(vec![Diagnostic::error("usage", "the selection matches no asset of this campaign")]));
        return ExitCode::from(2);
    }
    let bar = report::progress(specs.len() as u64);
    let assets = pipeline::render_all(&c, &sel, &|| bar.inc(1));
    bar.finish_and_clear();
    let findings = pipeline::findings(&assets);
    report::print(&findings);
    if findings.has_errors() && !allow_findings {
        eprintln!("billposter: blocking findings; nothing written (use --allow-findings to write anyway)");
        return ExitCode::from(1);
    }
    let dir = out.join(&c.id);
    let files: Vec<&output::OutFile> = assets.iter().flat_map(|a| a.files.iter()).collect();
    let manifest = output::manifest::Manifest { campaign: c.id.clone(), assets: assets.iter().map(|a| a.entry.clone()).collect() };
    if let Err(e) = output::write_all(&dir, &files, &manifest.to_json()) {
        eprintln!("error[io]: cannot write {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    if sel.only.is_none() && sel.message.is_none() {
        output::remove_stale(&dir, &files);
    }
    let quiet = !std::io::stderr().is_terminal();
    if !quiet || true {
        eprintln!("wrote {} assets ({} files) to {}", assets.len(), files.len() + 1, dir.display());
    }
    ExitCode::SUCCESS
}

fn check(path: &Path, select: &Select) -> ExitCode {
    let (c, sel) = match load(path, select) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let laid = pipeline::layout_all(&c, &sel);
    let findings = Diagnostics(laid.iter().flat_map(|(_, _, d)| d.iter().cloned()).collect());
    report::print(&findings);
    let errors = findings.iter().filter(|d| d.is_error()).count();
    eprintln!("checked {} assets: {} errors, {} warnings", laid.len(), errors, findings.0.len() - errors);
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
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

//! What the user sees: diagnostics on stderr, tables on stdout, progress on a terminal only.

use crate::vocab::Diagnostics;
use crate::vocab::{Format as FormatSpec, Kind};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Findings of a run: JSON on stdout (`{"findings": [...], "summary": {...}}`, a stable schema),
/// or text on stderr: campaign-wide findings first, then each distinct finding once, with the
/// assets it was found on (the same warning on 20 assets is one entry, not 20).
pub fn findings(d: &Diagnostics, format: Format, assets: usize, summary: Option<&crate::pipeline::Summary>) {
    if format == Format::Json {
        let list: Vec<crate::vocab::diag::Finding> = d.iter().map(Into::into).collect();
        println!("{}", serde_json::json!({ "findings": list, "summary": summary }));
        return;
    }
    // Identical findings (all but the asset) printed once, in the order first found.
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    let ordered = d.iter().filter(|x| x.asset.is_none()).chain(d.iter().filter(|x| x.asset.is_some()));
    for x in ordered {
        let mut line = x.clone();
        line.asset = None;
        let text = line.to_string().replace('\n', "\n  ");
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, on)) => on.extend(x.asset.as_deref()),
            None => groups.push((text, x.asset.as_deref().into_iter().collect())),
        }
    }
    for (text, on) in groups {
        eprintln!("{text}");
        match on.as_slice() {
            [] => {}
            [one] => eprintln!("    on {}", crate::vocab::diag::escape_controls(one)),
            many => eprintln!("    on {} assets: {}", many.len(), crate::vocab::diag::escape_controls(&many.join(", "))),
        }
    }
    let errors = d.iter().filter(|x| x.is_error()).count();
    eprintln!("{assets} assets checked: {errors} errors, {} warnings", d.0.len() - errors);
}

/// What a render wrote, changed and removed: counts, and with `verbose` every file.
pub fn summary(s: &crate::pipeline::Summary, verbose: bool) {
    eprintln!(
        "{} assets: {} rendered, {} unchanged; {} files written to {} ({} new, {} changed, {} removed)",
        s.assets,
        s.rendered,
        s.assets - s.rendered,
        s.files_written,
        crate::vocab::diag::escape_controls(&s.dir.display().to_string()),
        s.created.len(),
        s.changed.len(),
        s.removed.len()
    );
    if verbose {
        for (what, list) in [("new", &s.created), ("changed", &s.changed), ("removed", &s.removed)] {
            for f in list {
                eprintln!("  {what:8} {}", crate::vocab::diag::escape_controls(f));
            }
        }
    }
}

pub fn print(d: &Diagnostics) {
    for x in d.iter() {
        eprintln!("{x}");
    }
}

/// A progress bar on an interactive stderr; hidden when piped.
pub fn progress(n: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(n);
    if let Ok(style) = ProgressStyle::with_template("{spinner} rendering {pos}/{len} assets {wide_bar}") {
        bar.set_style(style);
    }
    bar
}

/// A byte limit as written by whoever set it, never rounded (800,000 bytes is "800 kB", not
/// "0 MB").
fn size(b: u64) -> String {
    match b {
        _ if b >= 1_000_000 && b.is_multiple_of(1_000_000) => format!("{} MB", b / 1_000_000),
        _ if b >= 1 << 20 && b.is_multiple_of(1 << 20) => format!("{} MiB", b >> 20),
        _ if b >= 1000 && b.is_multiple_of(1000) => format!("{} kB", b / 1000),
        _ => format!("{b} bytes"),
    }
}

pub fn format_table(list: &[FormatSpec]) -> String {
    let mut rows = vec![["id", "kind", "size", "supplied", "bleed", "keep clear", "viewing", "roadside", "description"].map(String::from).to_vec()];
    for f in list {
        let (size, supplied, bleed) = match (f.kind, f.px) {
            (Kind::Print, _) => {
                (format!("{} × {} mm", f.width_mm, f.height_mm), format!("{}% PDF", (f.scale * 100.0 * 100.0).round() / 100.0), format!("{} mm", f.bleed_mm))
            }
            (_, Some((w, h))) => {
                (format!("{w} × {h} px"), f.file.ext().to_uppercase() + &f.max_bytes.map(|b| format!(" ≤ {}", size(b))).unwrap_or_default(), "-".into())
            }
            _ => ("?".into(), "?".into(), "-".into()),
        };
        let unit = if f.kind == Kind::Print { 1.0 } else { crate::vocab::units::CSS_PX_PER_MM };
        let s = f.safe.scaled(unit);
        let keep = if s.top == s.bottom && s.left == s.right && s.top == s.left {
            format!("{}", s.top.round())
        } else {
            format!("t{} r{} b{} l{}", s.top.round(), s.right.round(), s.bottom.round(), s.left.round())
        } + if f.kind == Kind::Print { " mm" } else { " px" };
        rows.push(vec![
            f.id.clone(),
            f.kind.as_str().into(),
            size,
            supplied,
            bleed,
            keep,
            f.viewing_m.map(|v| format!("{v} m")).unwrap_or("-".into()),
            if f.roadside { "yes" } else { "no" }.into(),
            f.description.clone(),
        ]);
    }
    let widths: Vec<usize> = (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in rows {
        let line: Vec<String> = r.iter().enumerate().map(|(i, c)| if i + 1 == r.len() { c.clone() } else { format!("{c:<w$}", w = widths[i]) }).collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

pub fn timings(t: &crate::pipeline::Timings) {
    let parts: Vec<String> = t.report().into_iter().map(|(s, ms)| format!("{s} {ms:.1} ms")).collect();
    eprintln!("timings (summed over threads): {}", parts.join(", "));
}

#[cfg(test)]
mod tests {
    #[test]
    fn byte_limits_are_shown_as_set() {
        assert_eq!(super::size(800_000), "800 kB");
        assert_eq!(super::size(5_000_000), "5 MB");
        assert_eq!(super::size(1 << 20), "1 MiB");
        assert_eq!(super::size(123_456), "123456 bytes");
    }
}

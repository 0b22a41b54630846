//! `proof.html`: one page a manager can sign the campaign off from. Every asset as a thumbnail,
//! grouped by week and channel, with its format, real size, language, alt text, caption, QR link
//! and findings; the print order and posting plan as tables; a link to every file.
//!
//! A print artwork shows under every week it is on a site (the site plan), not only the weeks it
//! gets new copies (its `weeks` with `reposting: changes`): week 3's section is what is on the
//! street in week 3. Its card says which weeks those are and when its copies are posted and due.
//!
//! Self-contained in the sense that matters for sign-off: no network, no script, one file that
//! opens from disk beside the files it shows (thumbnails are the files themselves, by relative
//! path, so the page is exactly what will be printed and posted). Built from the run's
//! [`Manifest`] value: what `manifest.json` holds, plus the print order's site plan, which the
//! JSON leaves to `site-plan.csv` (both come from the plan).

use super::OutFile;
use super::manifest::{Entry, Manifest};
use super::print_order::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// HTML text: the five characters that can break out of text or an attribute.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A relative file path as a URL path: each segment percent-encoded where needed.
fn href(path: &str) -> String {
    path.split('/').map(|seg| url::form_urlencoded::byte_serialize(seg.as_bytes()).collect::<String>().replace('+', "%20")).collect::<Vec<_>>().join("/")
}

const STYLE: &str = "body{font:15px/1.4 system-ui,sans-serif;margin:24px;color:#111;background:#fff}\
h1{font-size:24px}h2{font-size:20px;margin-top:32px;border-bottom:2px solid #111}h3{font-size:16px;margin:16px 0 8px}\
.grid{display:flex;flex-wrap:wrap;gap:16px}\
.card{width:240px;border:1px solid #bbb;padding:8px;font-size:12px;overflow-wrap:anywhere}\
.thumb{display:block;background:#f0f;margin-bottom:6px}.thumb img{display:block;width:100%;height:100%}\
.err{color:#a00;font-weight:bold}.warn{color:#8a5a00}\
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}";

/// Thumbnail width in CSS px; the box takes the image's aspect, so the image covers it exactly
/// (the magenta behind it shows only where an image failed to load).
const THUMB_W: u32 = 224;

/// What a print card says about its weeks: on which it is on a site, and each posting of new
/// copies with its date and due date (the print order's rows, from the plan's postings).
struct PrintWeeks<'a> {
    on_sites: &'a BTreeSet<u32>,
    postings: &'a [&'a Row],
}

fn weeks_line(w: &[u32]) -> String {
    w.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
}

fn card(out: &mut String, e: &Entry, caption: Option<&str>, real_size: Option<String>, print: Option<PrintWeeks>) {
    let image = e.proof.as_deref().unwrap_or(&e.path);
    let h = (THUMB_W as u64 * e.height_px as u64 / e.width_px.max(1) as u64).max(1);
    let _ = write!(
        out,
        "<div class=\"card\"><a class=\"thumb\" style=\"width:{THUMB_W}px;height:{h}px\" href=\"{}\"><img src=\"{}\" alt=\"{}\"></a>",
        esc(&href(&e.path)),
        esc(&href(image)),
        esc(e.alt.as_deref().unwrap_or(&e.format))
    );
    let _ = write!(out, "<b>{}</b> · {} · {}<br>", esc(&e.format), esc(&e.message), esc(&e.language));
    let size = real_size.unwrap_or_else(|| format!("{} × {} px", e.width_px, e.height_px));
    match print {
        Some(PrintWeeks { on_sites, postings }) => {
            let on: Vec<u32> = on_sites.iter().copied().collect();
            let posted: Vec<String> =
                postings.iter().map(|r| format!("week {} ({}, due {}): {} + {} spares", r.week, r.posting_date, r.due_date, r.copies, r.spares)).collect();
            let _ = write!(out, "{}<br>on sites weeks {}<br>new copies {}<br>", esc(&size), weeks_line(&on), esc(&posted.join("; ")));
        }
        None => {
            let _ = write!(out, "{} · weeks {}<br>", esc(&size), weeks_line(&e.weeks));
        }
    }
    let _ = write!(out, "<a href=\"{}\">{}</a>", esc(&href(&e.path)), esc(&e.path));
    if let Some(link) = &e.link {
        let _ = write!(out, "<br>QR: <a href=\"{}\">{}</a>", esc(link), esc(link));
    }
    if let Some(alt) = &e.alt {
        let _ = write!(out, "<br>Alt: {}", esc(alt));
    }
    if let Some(c) = caption.filter(|c| !c.is_empty()) {
        let _ = write!(out, "<br>Caption: {}", esc(c));
    }
    for f in &e.findings {
        let (class, word) = if f.severity == crate::vocab::Severity::Error { ("err", "error") } else { ("warn", "warning") };
        let measured = match (&f.measured, &f.required) {
            (Some(m), Some(r)) => format!(" (measured {m}, required {r})"),
            _ => String::new(),
        };
        let _ = write!(out, "<br><span class=\"{class}\">{word}[{}]: {}{}</span>", f.code, esc(&f.message), esc(&measured));
    }
    out.push_str("</div>");
}

fn table(out: &mut String, head: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    out.push_str("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", esc(&c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// The page for a full render's manifest. `extra_files`: the campaign-wide files written beside
/// it (print order, posting plan, …), linked at the foot.
pub fn page(m: &Manifest, extra_files: &[&str]) -> OutFile {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Proof: {id}</title><style>{STYLE}</style></head><body><h1>Proof for sign-off: {id}</h1>",
        id = esc(&m.campaign)
    );
    let errors: usize = m.assets.iter().flat_map(|a| &a.findings).filter(|f| f.severity == crate::vocab::Severity::Error).count();
    let warnings: usize = m.assets.iter().map(|a| a.findings.len()).sum::<usize>() - errors;
    let _ = write!(out, "<p>{} assets · {errors} errors · {warnings} warnings</p>", m.assets.len());
    // Looked up by file once, not searched per card (a campaign may have hundreds of assets).
    let mut captions: BTreeMap<&str, &str> = BTreeMap::new();
    for r in m.posting_plan.iter().flat_map(|p| &p.rows) {
        captions.entry(&r.file).or_insert(&r.caption);
    }
    let mut postings: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    let mut on_sites: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    if let Some(order) = &m.print_order {
        for r in &order.rows {
            postings.entry(&r.file).or_default().push(r);
        }
        for run in &order.site_plan {
            on_sites.entry(&run.file).or_default().insert(run.week);
        }
    }
    // Print: the panel's real size and the scale the file is supplied at, not the proof's pixels.
    let real_size = |path: &str| {
        let r = postings.get(path)?.first()?;
        Some(format!("trim {} × {} mm, supplied at {}%", r.width_mm, r.height_mm, (r.scale as f64 * 1000.0).round() / 10.0))
    };
    let print_weeks = |e: &Entry| {
        let on_sites = on_sites.get(e.path.as_str()).filter(|_| e.kind == "print")?;
        Some(PrintWeeks { on_sites, postings: postings.get(e.path.as_str()).map_or(&[][..], Vec::as_slice) })
    };
    // The weeks a card shows under: a print artwork's weeks on sites, else the asset's weeks.
    let shown: Vec<BTreeSet<u32>> = m.assets.iter().map(|e| print_weeks(e).map_or_else(|| e.weeks.iter().copied().collect(), |p| p.on_sites.clone())).collect();
    let last_week = shown.iter().filter_map(|w| w.last().copied()).max().unwrap_or(0);
    for week in 1..=last_week {
        let _ = write!(out, "<h2>Week {week}</h2>");
        for (kind, title) in [("print", "Print"), ("screen", "Screens"), ("social", "Social")] {
            let list: Vec<&Entry> = m.assets.iter().zip(&shown).filter(|(a, w)| a.kind == kind && w.contains(&week)).map(|(a, _)| a).collect();
            if list.is_empty() {
                continue;
            }
            let _ = write!(out, "<h3>{title}</h3><div class=\"grid\">");
            for e in list {
                card(&mut out, e, captions.get(e.path.as_str()).copied(), real_size(&e.path), print_weeks(e));
            }
            out.push_str("</div>");
        }
    }
    if let Some(order) = &m.print_order {
        out.push_str("<h2>Print order</h2>");
        let rows = order.rows.iter().map(|r| {
            vec![
                r.week.to_string(),
                r.posting_date.clone(),
                r.due_date.clone(),
                r.format.clone(),
                r.message.clone(),
                r.language.clone(),
                r.copies.to_string(),
                r.spares.to_string(),
                r.quantity.to_string(),
                r.file.clone(),
            ]
        });
        table(&mut out, &["week", "posting date", "due", "format", "message", "language", "copies", "spares", "quantity", "file"], rows);
        let _ = write!(out, "<h2>Job sheet</h2><pre>{}</pre>", esc(&order.notes_txt()));
        out.push_str("<h2>Site plan</h2>");
        let rows = order.site_plan.iter().map(|r| {
            let sites = if r.count == 1 { r.first.to_string() } else { format!("{}–{}", r.first, r.first + r.count - 1) };
            vec![r.week.to_string(), r.format.clone(), sites, r.file.clone(), if r.new_copy { "new copy" } else { "stays" }.to_string()]
        });
        table(&mut out, &["week", "format", "sites", "file", "posting"], rows);
    }
    if let Some(plan) = &m.posting_plan {
        out.push_str("<h2>Posting plan</h2>");
        let rows = plan
            .rows
            .iter()
            .map(|r| vec![r.date.clone(), r.time.clone(), r.platform.clone(), r.format.clone(), r.language.clone(), r.caption.clone(), r.file.clone()]);
        table(&mut out, &["date", "time", "platform", "format", "language", "caption", "file"], rows);
    }
    out.push_str("<h2>Files</h2><ul>");
    for f in ["manifest.json"].iter().chain(extra_files) {
        let _ = write!(out, "<li><a href=\"{}\">{}</a></li>", esc(&href(f)), esc(f));
    }
    for a in &m.assets {
        let _ = write!(out, "<li><a href=\"{}\">{}</a></li>", esc(&href(&a.path)), esc(&a.path));
        if let Some(p) = &a.proof {
            let _ = write!(out, "<li><a href=\"{}\">{}</a></li>", esc(&href(p)), esc(p));
        }
    }
    out.push_str("</ul></body></html>\n");
    OutFile { rel: PROOF_FILE.into(), bytes: out.into_bytes() }
}

pub const PROOF_FILE: &str = "proof.html";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_paths_are_escaped() {
        assert_eq!(esc("<b>\"x\" & 'y'</b>"), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
        assert_eq!(href("social/x post_a#b.png"), "social/x%20post_a%23b.png");
    }
}

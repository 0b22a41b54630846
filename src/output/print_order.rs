//! The print order: how many copies of each print artwork the printer makes, week by week and
//! in total (docs/campaign-format.md, "What one campaign file makes"). Built from the plan: the
//! quantities are resolved there (`plan::quantity`), this module only lists and totals them.
//!
//! Written as three files beside `manifest.json` (see [`PrintOrder::files`]):
//! - `print-order.csv`: one row per artwork per posting week, ordered by week, then in plan order
//!   (placements as written, messages as written, languages as listed);
//! - `print-totals.csv`: one row per artwork with its total, then one `TOTAL` row per format;
//! - `print-notes.txt`: the notes a printer must read (one per line). It is always written, even
//!   with nothing but the standing quantity note, so a run never leaves a stale note behind (for
//!   example "no output profile" after a profile was added). Notes stay out of the CSVs so both
//!   keep one fixed set of columns that a spreadsheet or script can read.
//!
//! # Quantity rule
//! A site shows one poster a week. In week `w`, a placement with `sites: S` whose week in the
//! schedule lists `k` messages shares its sites between them in schedule order, as evenly as
//! possible, earlier ones first: each gets `S / k`, and the first `S % k` one more
//! (40 sites, 3 messages: 14, 13, 13).
//!
//! With several campaign languages, each language version is a separate artwork, and sites are a
//! property of the placement, not of a language: a message's sites that week are split between
//! the languages by the same rule, in `campaign.languages` order (14 sites, 2 languages: 7, 7;
//! 13 sites: 7, 6). So every week the copies of a placement add up to exactly its sites, and a
//! message's copies (over languages) are what the contract's rotation rule gives it. Giving every
//! language the full quantity would print twice the posters the sites can hold. A campaign that
//! wants languages by area (Gaelic in the Highlands, say) cannot say so in format version 1; the
//! even split is the neutral default.
//!
//! An artwork's total is the sum of its weekly quantities (the contract: "summed over weeks"),
//! with no overs (spares) added. When a week has fewer sites than messages × languages, some
//! artworks get none that week: their row says 0 and a note names them.
//!
//! Quantities always come from the whole campaign schedule; `specs` only decides which artworks
//! are listed. Give the full plan (no `--only`/`--message` selection) for a complete order.

use super::OutFile;
use super::csv::csv_record;
use crate::plan::{AssetSpec, Plan};
use crate::vocab::Kind;
use serde::Serialize;

/// The note for a campaign without `print.output_profile`.
pub const NO_PROFILE_NOTE: &str = "plain CMYK PDF (no output profile given; not PDF/X)";

/// What the quantity column counts; always the first note.
pub const QUANTITY_NOTE: &str = "quantity = copies of the artwork, one per site per posting week \
(rotation shares a placement's sites between that week's messages, then between languages); no overs or spares included";

/// The whole order; serialises into `manifest.json`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PrintOrder {
    /// One per artwork per posting week, by week, then plan order.
    pub rows: Vec<Row>,
    /// One per artwork, plan order.
    pub totals: Vec<Total>,
    /// One per print format with artworks, placement order.
    pub format_totals: Vec<FormatTotal>,
    pub notes: Vec<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Row {
    pub file: String,
    pub format: String,
    pub message: String,
    pub language: String,
    pub week: u32,
    /// First day of the week, ISO `YYYY-MM-DD`.
    pub posting_date: String,
    /// Trim size at full size.
    pub width_mm: f32,
    pub height_mm: f32,
    /// The scale the PDF is supplied at.
    pub scale: f32,
    /// Bleed at full size.
    pub bleed_mm: f32,
    pub quantity: u64,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Total {
    pub file: String,
    pub format: String,
    pub message: String,
    pub language: String,
    /// Posting weeks, ascending.
    pub weeks: Vec<u32>,
    pub quantity: u64,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FormatTotal {
    pub format: String,
    /// Number of artworks (message × language) of this format.
    pub artworks: usize,
    pub quantity: u64,
}

/// Build the order for the print assets of `plan` (others are ignored); each artwork's file is
/// its print PDF as the printer receives it, relative to the output folder.
pub fn print_order(plan: &Plan) -> PrintOrder {
    let print: Vec<&AssetSpec> = plan.assets.iter().filter(|a| a.kind() == Kind::Print).collect();
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for a in &print {
        let f = &a.files.main;
        let mut sum = 0u64;
        for p in &a.postings {
            sum += p.copies;
            rows.push(Row {
                file: f.clone(),
                format: a.format.id.clone(),
                message: a.message.id.clone(),
                language: a.language.clone(),
                week: p.week,
                posting_date: p.date.to_string(),
                width_mm: a.format.width_mm,
                height_mm: a.format.height_mm,
                scale: a.format.scale,
                bleed_mm: a.format.bleed_mm,
                quantity: p.copies,
            });
        }
        totals.push(Total {
            file: f.clone(),
            format: a.format.id.clone(),
            message: a.message.id.clone(),
            language: a.language.clone(),
            weeks: a.weeks.clone(),
            quantity: sum,
        });
    }
    // Stable: within a week, plan order is kept.
    rows.sort_by_key(|r| r.week);

    let mut format_totals: Vec<FormatTotal> = Vec::new();
    for t in &totals {
        match format_totals.iter_mut().find(|f| f.format == t.format) {
            Some(f) => {
                f.artworks += 1;
                f.quantity += t.quantity;
            }
            None => format_totals.push(FormatTotal { format: t.format.clone(), artworks: 1, quantity: t.quantity }),
        }
    }

    let mut notes = vec![QUANTITY_NOTE.to_string()];
    if print.iter().any(|a| a.pdf.as_ref().is_none_or(|p| p.output_profile.is_none())) {
        notes.push(NO_PROFILE_NOTE.to_string());
    }
    notes.extend(shortfall_notes(plan, &print));
    PrintOrder { rows, totals, format_totals, notes }
}

/// One note per (placement, week) in which some listed artwork gets no copies.
fn shortfall_notes(plan: &Plan, print: &[&AssetSpec]) -> Vec<String> {
    let mut notes = Vec::new();
    let languages = plan.languages;
    for (pi, p) in plan.placements.iter().enumerate() {
        let Some(sites) = p.sites else { continue };
        for &week in &p.weeks {
            let starved: Vec<String> = print
                .iter()
                .filter(|a| a.shares.iter().any(|s| s.placement == pi && s.week == week && s.copies == 0))
                .map(|a| format!("{} ({})", a.message.id, a.language))
                .collect();
            if starved.is_empty() {
                continue;
            }
            let k = plan.week_messages.get(week as usize - 1).copied().unwrap_or(0);
            notes.push(format!(
                "week {week}, {}: {sites} site{} for {k} message{} x {} language{}; no copies that week for {}",
                p.format,
                if sites == 1 { "" } else { "s" },
                if k == 1 { "" } else { "s" },
                languages,
                if languages == 1 { "" } else { "s" },
                starved.join(", ")
            ));
        }
    }
    notes
}

impl PrintOrder {
    /// `print-order.csv`.
    pub fn order_csv(&self) -> String {
        let mut s = csv_record(&["file", "format", "message", "language", "week", "posting_date", "trim_mm", "scale", "bleed_mm", "quantity"]);
        for r in &self.rows {
            s.push_str(&csv_record(&[
                &r.file,
                &r.format,
                &r.message,
                &r.language,
                &r.week.to_string(),
                &r.posting_date,
                &format!("{}x{}", r.width_mm, r.height_mm),
                &r.scale.to_string(),
                &r.bleed_mm.to_string(),
                &r.quantity.to_string(),
            ]));
        }
        s
    }

    /// `print-totals.csv`: the artwork rows, then one row per format with `TOTAL` in the file
    /// column, the format, the weeks any of its artworks is posted, and the format's quantity.
    /// Weeks are space-separated (`2 3 4`).
    pub fn totals_csv(&self) -> String {
        let weeks = |w: &[u32]| w.iter().map(u32::to_string).collect::<Vec<_>>().join(" ");
        let mut s = csv_record(&["file", "format", "message", "language", "weeks", "quantity"]);
        for t in &self.totals {
            s.push_str(&csv_record(&[&t.file, &t.format, &t.message, &t.language, &weeks(&t.weeks), &t.quantity.to_string()]));
        }
        for f in &self.format_totals {
            let mut all: Vec<u32> = self.totals.iter().filter(|t| t.format == f.format).flat_map(|t| t.weeks.iter().copied()).collect();
            all.sort_unstable();
            all.dedup();
            s.push_str(&csv_record(&["TOTAL", &f.format, "", "", &weeks(&all), &f.quantity.to_string()]));
        }
        s
    }

    /// `print-notes.txt`: one note per line.
    pub fn notes_txt(&self) -> String {
        self.notes.iter().map(|n| format!("{n}\n")).collect()
    }

    /// The three files, named as the module documentation says.
    pub fn files(&self) -> Vec<OutFile> {
        vec![
            OutFile { rel: "print-order.csv".into(), bytes: self.order_csv().into_bytes() },
            OutFile { rel: "print-totals.csv".into(), bytes: self.totals_csv().into_bytes() },
            OutFile { rel: "print-notes.txt".into(), bytes: self.notes_txt().into_bytes() },
        ]
    }
}

//! The print order: how many copies of each print artwork the printer makes, week by week and
//! in total, when they are due, and the site plan the posting crew follows. Built from the
//! plan: quantities, spares, due dates and the site plan are resolved there (`plan::rotation`,
//! `plan::quantity`); this module only lists, totals and writes them.
//!
//! Written as four files beside `manifest.json` (see [`PrintOrder::files`]):
//! - `print-order.csv`: one row per artwork per posting week (a week it gets copies), ordered
//!   by week, then in plan order; `quantity` = copies posted + `spares`, due on `due_date`;
//! - `print-totals.csv`: one row per artwork with its total, then one `TOTAL` row per format;
//! - `site-plan.csv`: every site's artwork each week (`format, site, week, file, new_copy`);
//! - `print-notes.txt`: the job sheet, one section per print format: trim, scale, bleed,
//!   colour, crop marks, and the quantities by week with due dates, spares and total — the
//!   same numbers as the CSVs, built from the same rows. Always written, so a run never leaves
//!   a stale sheet behind.
//!
//! Quantities are u64 throughout; the campaign is refused at load when its run is absurd.

mod job_sheet;

use super::OutFile;
use super::csv::csv_record;
use crate::plan::{AssetSpec, Plan, SiteRun};
use crate::vocab::Kind;
use crate::vocab::settings::Reposting;
use serde::Serialize;

/// The colour line for a campaign without `print.output_profile`.
pub const NO_PROFILE_NOTE: &str = "plain CMYK PDF (no output profile given; not PDF/X)";

/// The whole order; serialises into `manifest.json` (the site plan stays in its CSV).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PrintOrder {
    /// One per artwork per posting week, by week, then plan order.
    pub rows: Vec<Row>,
    /// One per artwork, plan order.
    pub totals: Vec<Total>,
    /// One per print format with artworks, placement order.
    pub format_totals: Vec<FormatTotal>,
    /// The job sheet's sections, one per print format.
    pub sheets: Vec<JobSheet>,
    #[serde(skip)]
    pub site_plan: Vec<SiteRun>,
    pub reposting: Reposting,
    pub supply_working_days: u32,
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
    /// Copies and spares are due to the media owner by then, ISO.
    pub due_date: String,
    /// Trim size at full size.
    pub width_mm: f32,
    pub height_mm: f32,
    /// The scale the PDF is supplied at.
    pub scale: f32,
    /// Bleed at full size.
    pub bleed_mm: f32,
    /// Copies posted on sites this week.
    pub copies: u64,
    pub spares: u64,
    /// Copies + spares: what the printer makes.
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
    pub spares: u64,
    pub quantity: u64,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FormatTotal {
    pub format: String,
    /// Number of artworks (message × language) of this format.
    pub artworks: usize,
    pub spares: u64,
    pub quantity: u64,
}

/// What the job sheet says about one print format.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct JobSheet {
    pub format: String,
    pub width_mm: f32,
    pub height_mm: f32,
    pub scale: f32,
    pub bleed_mm: f32,
    pub colour: String,
    pub crop_marks: bool,
}

/// Build the order for the print assets of `plan` (others are ignored); each artwork's file is
/// its print PDF as the printer receives it, relative to the output folder.
pub fn print_order(plan: &Plan) -> PrintOrder {
    let print: Vec<&AssetSpec> = plan.assets.iter().filter(|a| a.kind() == Kind::Print).collect();
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    let mut sheets: Vec<JobSheet> = Vec::new();
    for a in &print {
        let f = &a.files.main;
        let (mut sum, mut spares) = (0u64, 0u64);
        for p in &a.postings {
            let quantity = p.copies + p.spares;
            sum += quantity;
            spares += p.spares;
            rows.push(Row {
                file: f.clone(),
                format: a.format.id.clone(),
                message: a.message.id.clone(),
                language: a.language.clone(),
                week: p.week,
                posting_date: p.date.to_string(),
                due_date: p.due.unwrap_or(p.date).to_string(),
                width_mm: a.format.width_mm,
                height_mm: a.format.height_mm,
                scale: a.format.scale,
                bleed_mm: a.format.bleed_mm,
                copies: p.copies,
                spares: p.spares,
                quantity,
            });
        }
        totals.push(Total {
            file: f.clone(),
            format: a.format.id.clone(),
            message: a.message.id.clone(),
            language: a.language.clone(),
            weeks: a.weeks.clone(),
            spares,
            quantity: sum,
        });
        if !sheets.iter().any(|s| s.format == a.format.id) {
            let pdf = a.pdf.as_ref();
            let colour = match pdf.and_then(|p| p.output_profile.as_ref()) {
                Some(p) => format!("CMYK, PDF/X-4, output profile {}", p.description),
                None => NO_PROFILE_NOTE.to_string(),
            };
            sheets.push(JobSheet {
                format: a.format.id.clone(),
                width_mm: a.format.width_mm,
                height_mm: a.format.height_mm,
                scale: a.format.scale,
                bleed_mm: a.format.bleed_mm,
                colour,
                crop_marks: pdf.is_some_and(|p| p.crop_marks),
            });
        }
    }
    // Stable: within a week, plan order is kept.
    rows.sort_by_key(|r| r.week);

    let mut format_totals: Vec<FormatTotal> = Vec::new();
    for t in &totals {
        match format_totals.iter_mut().find(|f| f.format == t.format) {
            Some(f) => {
                f.artworks += 1;
                f.spares += t.spares;
                f.quantity += t.quantity;
            }
            None => format_totals.push(FormatTotal { format: t.format.clone(), artworks: 1, spares: t.spares, quantity: t.quantity }),
        }
    }
    let mut site_plan = plan.site_plan.clone();
    site_plan.sort_by_key(|r| r.week); // stable: group, pool and site order within a week
    PrintOrder { rows, totals, format_totals, sheets, site_plan, reposting: plan.reposting, supply_working_days: plan.supply_working_days }
}

impl PrintOrder {
    /// `print-order.csv`.
    pub fn order_csv(&self) -> String {
        let mut s = csv_record(&[
            "file",
            "format",
            "message",
            "language",
            "week",
            "posting_date",
            "due_date",
            "trim_mm",
            "scale",
            "bleed_mm",
            "copies",
            "spares",
            "quantity",
        ]);
        for r in &self.rows {
            s.push_str(&csv_record(&[
                &r.file,
                &r.format,
                &r.message,
                &r.language,
                &r.week.to_string(),
                &r.posting_date,
                &r.due_date,
                &format!("{}x{}", r.width_mm, r.height_mm),
                &r.scale.to_string(),
                &r.bleed_mm.to_string(),
                &r.copies.to_string(),
                &r.spares.to_string(),
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
        let mut s = csv_record(&["file", "format", "message", "language", "weeks", "spares", "quantity"]);
        for t in &self.totals {
            s.push_str(&csv_record(&[&t.file, &t.format, &t.message, &t.language, &weeks(&t.weeks), &t.spares.to_string(), &t.quantity.to_string()]));
        }
        for f in &self.format_totals {
            let mut all: Vec<u32> = self.totals.iter().filter(|t| t.format == f.format).flat_map(|t| t.weeks.iter().copied()).collect();
            all.sort_unstable();
            all.dedup();
            s.push_str(&csv_record(&["TOTAL", &f.format, "", "", &weeks(&all), &f.spares.to_string(), &f.quantity.to_string()]));
        }
        s
    }

    /// `site-plan.csv`: one row per site per week, by week, then format, then site; `format` is
    /// the artwork group's label, `new_copy` is `yes` where the site gets a new copy that week.
    pub fn site_plan_csv(&self) -> String {
        let mut s = csv_record(&["format", "site", "week", "file", "new_copy"]);
        for r in &self.site_plan {
            let week = r.week.to_string();
            let new = if r.new_copy { "yes" } else { "no" };
            for site in r.first..r.first + r.count {
                s.push_str(&csv_record(&[&r.format, &site.to_string(), &week, &r.file, new]));
            }
        }
        s
    }

    /// `print-notes.txt`: the job sheet (see `job_sheet`).
    pub fn notes_txt(&self) -> String {
        job_sheet::job_sheet(self)
    }

    /// The four files, named as the module documentation says.
    pub fn files(&self) -> Vec<OutFile> {
        vec![
            OutFile { rel: "print-order.csv".into(), bytes: self.order_csv().into_bytes() },
            OutFile { rel: "print-totals.csv".into(), bytes: self.totals_csv().into_bytes() },
            OutFile { rel: "site-plan.csv".into(), bytes: self.site_plan_csv().into_bytes() },
            OutFile { rel: "print-notes.txt".into(), bytes: self.notes_txt().into_bytes() },
        ]
    }
}

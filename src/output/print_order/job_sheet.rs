//! `print-notes.txt`: the job sheet a printer and a media owner read. One section per print
//! format: trim, scale, bleed, colour, crop marks, then per posting week the date, the due
//! date, copies, spares and quantity, then the total. Every number is taken from the print
//! order's own rows and totals, so the sheet cannot contradict `print-order.csv` or
//! `print-totals.csv`.

use super::{PrintOrder, Row};
use crate::vocab::settings::Reposting;
use std::fmt::Write;

pub(super) fn job_sheet(o: &PrintOrder) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Print job sheet");
    let _ = writeln!(s, "Quantities are those of print-order.csv and print-totals.csv; site-plan.csv gives every site's artwork each week.");
    let _ = writeln!(
        s,
        "Reposting: {} ({}).",
        o.reposting.as_str(),
        match o.reposting {
            Reposting::Changes => "a site gets a new copy only in a week its artwork changes",
            Reposting::Weekly => "every site gets a new copy every week",
        }
    );
    let _ = writeln!(s, "Copies and spares are due {} working days (Mon-Fri) before each posting date; bank holidays are not counted.", o.supply_working_days);
    if o.sheets.is_empty() {
        let _ = writeln!(s, "\nNo print artworks in this campaign.");
    }
    for sh in &o.sheets {
        let _ = writeln!(s, "\n== {} ==", sh.format);
        let (w, h) = (sh.width_mm, sh.height_mm);
        let _ = writeln!(s, "Trim: {w} x {h} mm at full size; supplied at scale {} ({} x {} mm)", sh.scale, tenth(w * sh.scale), tenth(h * sh.scale));
        let _ = writeln!(s, "Bleed: {} mm at full size ({} mm on the PDF)", sh.bleed_mm, tenth(sh.bleed_mm * sh.scale));
        let _ = writeln!(s, "Colour: {}", sh.colour);
        let _ = writeln!(s, "Crop marks: {}", if sh.crop_marks { "yes, outside the bleed" } else { "no" });
        let rows: Vec<&Row> = o.rows.iter().filter(|r| r.format == sh.format).collect();
        let mut weeks: Vec<u32> = rows.iter().map(|r| r.week).collect();
        weeks.dedup(); // rows are sorted by week
        for week in weeks {
            let of_week: Vec<&&Row> = rows.iter().filter(|r| r.week == week).collect();
            let (copies, spares, qty) = of_week.iter().fold((0u64, 0u64, 0u64), |(c, sp, q), r| (c + r.copies, sp + r.spares, q + r.quantity));
            let r0 = of_week[0];
            let _ = writeln!(
                s,
                "Week {week}: posted {}, due {}: {copies} {} + {spares} spares = {qty}",
                r0.posting_date,
                r0.due_date,
                if copies == 1 { "copy" } else { "copies" }
            );
            for r in of_week {
                let _ = writeln!(s, "  {}: {} + {} = {}", r.file, r.copies, r.spares, r.quantity);
            }
        }
        if let Some(t) = o.format_totals.iter().find(|t| t.format == sh.format) {
            let _ = writeln!(s, "Artworks: {}", t.artworks);
            let _ = writeln!(s, "Spares: {}", t.spares);
            let _ = writeln!(s, "Total: {}", t.quantity);
        }
    }
    s
}

/// A supplied size in mm to a tenth: 6096 × 0.1 is 609.6, not f32's 609.60004.
fn tenth(mm: f32) -> f32 {
    (mm * 10.0).round() / 10.0
}

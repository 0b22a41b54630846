//! The print order: how many copies of each print artwork the printer makes, week by week and
//! in total (campaign-format.md, "What one campaign file makes").
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
use crate::campaign::{Campaign, Kind};
use crate::plan::AssetSpec;
use serde::Serialize;
use std::borrow::Cow;

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
    pub quantity: u32,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Total {
    pub file: String,
    pub format: String,
    pub message: String,
    pub language: String,
    /// Posting weeks, ascending.
    pub weeks: Vec<u32>,
    pub quantity: u32,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FormatTotal {
    pub format: String,
    /// Number of artworks (message × language) of this format.
    pub artworks: usize,
    pub quantity: u32,
}

/// Share `total` between `n` parties as evenly as possible, earlier ones first: party `index`
/// gets `total / n`, plus one if `index < total % n`. An index outside `0..n` gets 0.
pub fn share(total: u32, n: usize, index: usize) -> u32 {
    if index >= n {
        return 0;
    }
    let n = n as u32;
    total / n + u32::from((index as u32) < total % n)
}

/// Sites of placement `placement` showing message `message` in `week` (1-based), all languages
/// together: 0 when the placement does not run that week or the schedule does not post the
/// message then.
pub fn message_sites(c: &Campaign, placement: usize, message: usize, week: u32) -> u32 {
    let Some(p) = c.placements.get(placement) else { return 0 };
    let Some(sites) = p.sites else { return 0 };
    if !p.weeks.contains(&week) {
        return 0;
    }
    let Some(msgs) = week.checked_sub(1).and_then(|i| c.schedule.get(i as usize)) else { return 0 };
    match msgs.iter().position(|&m| m == message) {
        Some(i) => share(sites, msgs.len(), i),
        None => 0,
    }
}

/// Copies of one artwork (placement, message, language) for `week`: the message's sites that
/// week, split between `campaign.languages` in order. A language not in the campaign gets 0.
pub fn quantity(c: &Campaign, placement: usize, message: usize, language: &str, week: u32) -> u32 {
    let lang = c.languages.iter().position(|l| l == language).unwrap_or(usize::MAX);
    share(message_sites(c, placement, message, week), c.languages.len(), lang)
}

/// Build the order for the print assets among `specs` (others are ignored). `file` gives each
/// artwork's output path as the printer receives it (the PDF), relative to the output folder.
pub fn print_order(c: &Campaign, specs: &[AssetSpec], file: impl Fn(&AssetSpec) -> String) -> PrintOrder {
    let print: Vec<&AssetSpec> = specs.iter().filter(|a| a.kind() == Kind::Print).collect();
    let files: Vec<String> = print.iter().map(|a| file(a)).collect();
    let msg_id = |a: &AssetSpec| c.messages[a.message].id.value.clone();

    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for (a, f) in print.iter().zip(&files) {
        let mut sum = 0u32;
        for &week in &a.weeks {
            let q: u32 = a.placements.iter().map(|&pi| quantity(c, pi, a.message, &a.language, week)).sum();
            sum += q;
            rows.push(Row {
                file: f.clone(),
                format: a.format.id.clone(),
                message: msg_id(a),
                language: a.language.clone(),
                week,
                posting_date: c.start.week_start(week).to_string(),
                width_mm: a.format.width_mm,
                height_mm: a.format.height_mm,
                scale: a.format.scale,
                bleed_mm: a.format.bleed_mm,
                quantity: q,
            });
        }
        totals.push(Total { file: f.clone(), format: a.format.id.clone(), message: msg_id(a), language: a.language.clone(), weeks: a.weeks.clone(), quantity: sum });
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
    if c.print.output_profile.is_none() && !print.is_empty() {
        notes.push(NO_PROFILE_NOTE.to_string());
    }
    notes.extend(shortfall_notes(c, &print));
    PrintOrder { rows, totals, format_totals, notes }
}

/// One note per (format, week) in which some listed artwork gets no copies.
fn shortfall_notes(c: &Campaign, print: &[&AssetSpec]) -> Vec<String> {
    let mut notes = Vec::new();
    for (pi, p) in c.placements.iter().enumerate() {
        let Some(sites) = p.sites else { continue };
        for &week in &p.weeks {
            let starved: Vec<String> = print
                .iter()
                .filter(|a| a.placements.contains(&pi) && a.weeks.contains(&week) && quantity(c, pi, a.message, &a.language, week) == 0)
                .map(|a| format!("{} ({})", c.messages[a.message].id.value, a.language))
                .collect();
            if starved.is_empty() {
                continue;
            }
            let k = c.schedule.get(week as usize - 1).map_or(0, Vec::len);
            notes.push(format!(
                "week {week}, {}: {sites} site{} for {k} message{} x {} language{}; no copies that week for {}",
                p.format.value,
                if sites == 1 { "" } else { "s" },
                if k == 1 { "" } else { "s" },
                c.languages.len(),
                if c.languages.len() == 1 { "" } else { "s" },
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

/// One CSV field (RFC 4180): quoted when it holds a comma, a double quote, CR or LF, with quotes
/// doubled. Nothing else is changed: no formula escaping, so a caption reads as written.
pub(crate) fn csv_field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// One CSV record, CRLF-terminated as RFC 4180 says.
pub(crate) fn csv_record(fields: &[&str]) -> String {
    let mut s = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    s.push_str("\r\n");
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::campaign::Campaign;
    use crate::plan::{plan, Selection};

    /// Load a campaign from YAML text through the real loader; panics with the findings if it
    /// does not load.
    pub(crate) fn load_yaml(yaml: &str) -> Campaign {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("campaign.yaml");
        std::fs::write(&path, yaml).unwrap();
        match crate::campaign::load(&path) {
            Ok((c, _warnings)) => c,
            Err(d) => panic!("fixture does not load:\n{d}"),
        }
    }

    /// The head of a campaign file; the test appends `languages`, messages, schedule, placements.
    pub(crate) fn head(weeks: u32, languages: &str) -> String {
        format!(
            "version: 1
campaign:
  id: test-campaign
  name: Test
  organisation: Test Org
  languages: {languages}
  start: 2019-03-18
  weeks: {weeks}
contact:
  helpline: \"0808 1000 900\"
  hours: \"Mon-Fri 9am-5pm\"
  website: example.org
  link: \"https://example.org/\"
"
        )
    }

    const ABC: &str = "messages:
  - id: a
    headline: Message A
  - id: b
    headline: Message B
  - id: c
    headline: Message C
";

    fn order(c: &Campaign) -> PrintOrder {
        print_order(c, &plan(c, &Selection::default()), |a| format!("{}.pdf", a.stem))
    }

    fn qty(o: &PrintOrder, format: &str, message: &str, language: &str, week: u32) -> Option<u32> {
        o.rows.iter().find(|r| r.format == format && r.message == message && r.language == language && r.week == week).map(|r| r.quantity)
    }

    fn total(o: &PrintOrder, format: &str, message: &str, language: &str) -> Option<u32> {
        o.totals.iter().find(|t| t.format == format && t.message == message && t.language == language).map(|t| t.quantity)
    }

    #[test]
    fn share_is_even_with_earlier_ones_first() {
        assert_eq!((0..3).map(|i| share(40, 3, i)).collect::<Vec<_>>(), [14, 13, 13]);
        assert_eq!((0..3).map(|i| share(150, 3, i)).collect::<Vec<_>>(), [50, 50, 50]);
        assert_eq!((0..2).map(|i| share(7, 2, i)).collect::<Vec<_>>(), [4, 3]);
        assert_eq!((0..3).map(|i| share(2, 3, i)).collect::<Vec<_>>(), [1, 1, 0]);
        assert_eq!(share(5, 2, 2), 0, "an index past the end gets nothing");
        assert_eq!(share(5, 0, 0), 0);
    }

    #[test]
    fn rotation_shares_sites_in_schedule_order() {
        let yaml = format!(
            "{}{ABC}schedule:
  - week: 1
    messages: [a, b, c]
  - week: 2
    messages: [c, a]
placements:
  - format: billboard-48
    sites: 40
  - format: phone-box
    sites: 150
  - format: six-sheet
    sites: 7
",
            head(2, "[en-GB]")
        );
        let c = load_yaml(&yaml);
        let o = order(&c);
        // Week 1: 40 / 3 and 150 / 3 and 7 / 3.
        assert_eq!([qty(&o, "billboard-48", "a", "en-GB", 1), qty(&o, "billboard-48", "b", "en-GB", 1), qty(&o, "billboard-48", "c", "en-GB", 1)], [Some(14), Some(13), Some(13)]);
        assert_eq!([qty(&o, "phone-box", "a", "en-GB", 1), qty(&o, "phone-box", "b", "en-GB", 1), qty(&o, "phone-box", "c", "en-GB", 1)], [Some(50), Some(50), Some(50)]);
        assert_eq!([qty(&o, "six-sheet", "a", "en-GB", 1), qty(&o, "six-sheet", "b", "en-GB", 1), qty(&o, "six-sheet", "c", "en-GB", 1)], [Some(3), Some(2), Some(2)]);
        // Week 2 lists c before a: c is "earlier" and gets the odd site, whatever the message order.
        assert_eq!(qty(&o, "six-sheet", "c", "en-GB", 2), Some(4));
        assert_eq!(qty(&o, "six-sheet", "a", "en-GB", 2), Some(3));
        assert_eq!(qty(&o, "six-sheet", "b", "en-GB", 2), None, "b is not posted in week 2: no row");
        assert_eq!(qty(&o, "billboard-48", "c", "en-GB", 2), Some(20));
        // Totals sum the weeks.
        assert_eq!(total(&o, "six-sheet", "a", "en-GB"), Some(3 + 3));
        assert_eq!(total(&o, "six-sheet", "b", "en-GB"), Some(2));
        assert_eq!(total(&o, "six-sheet", "c", "en-GB"), Some(2 + 4));
        assert_eq!(total(&o, "billboard-48", "a", "en-GB"), Some(14 + 20));
        // Every week, each placement's copies add up to its sites exactly.
        for (f, sites) in [("billboard-48", 40), ("phone-box", 150), ("six-sheet", 7)] {
            for w in 1..=2 {
                let sum: u32 = o.rows.iter().filter(|r| r.format == f && r.week == w).map(|r| r.quantity).sum();
                assert_eq!(sum, sites, "{f} week {w}");
            }
        }
        let ft = |f: &str| o.format_totals.iter().find(|t| t.format == f).map(|t| (t.artworks, t.quantity));
        assert_eq!(ft("billboard-48"), Some((3, 80)));
        assert_eq!(ft("six-sheet"), Some((3, 14)));
        // Rows come week by week.
        assert!(o.rows.windows(2).all(|w| w[0].week <= w[1].week));
    }

    #[test]
    fn partial_weeks_and_single_message_week() {
        let yaml = format!(
            "{}{ABC}schedule:
  - week: 1
    messages: [a]
  - week: 2
    messages: [a, b]
  - week: 3
    messages: [b]
placements:
  - format: billboard-48
    sites: 40
    weeks: [2, 3]
  - format: phone-box
    sites: 9
",
            head(4, "[en-GB]")
        );
        let c = load_yaml(&yaml);
        let o = order(&c);
        // billboard-48 runs weeks 2 and 3 only.
        assert!(o.rows.iter().filter(|r| r.format == "billboard-48").all(|r| r.week == 2 || r.week == 3));
        assert_eq!(qty(&o, "billboard-48", "a", "en-GB", 2), Some(20));
        assert_eq!(qty(&o, "billboard-48", "b", "en-GB", 2), Some(20));
        assert_eq!(qty(&o, "billboard-48", "b", "en-GB", 3), Some(40), "a week with one message gives it every site");
        assert_eq!(total(&o, "billboard-48", "a", "en-GB"), Some(20));
        assert_eq!(total(&o, "billboard-48", "b", "en-GB"), Some(60));
        // phone-box runs all weeks; week 1 shows only a; week 4 is not in the schedule: nothing.
        assert_eq!(qty(&o, "phone-box", "a", "en-GB", 1), Some(9));
        assert_eq!(qty(&o, "phone-box", "a", "en-GB", 2), Some(5));
        assert_eq!(qty(&o, "phone-box", "b", "en-GB", 2), Some(4));
        assert!(o.rows.iter().all(|r| r.week != 4));
        assert_eq!(total(&o, "phone-box", "c", "en-GB"), None, "c is never scheduled: no artwork");
        let t = o.totals.iter().find(|t| t.format == "billboard-48" && t.message == "b").unwrap();
        assert_eq!(t.weeks, [2, 3]);
    }

    #[test]
    fn no_schedule_posts_every_message_every_week() {
        let yaml = format!(
            "{}{ABC}placements:
  - format: billboard-48
    sites: 40
",
            head(4, "[en-GB]")
        );
        let c = load_yaml(&yaml);
        let o = order(&c);
        assert_eq!(o.rows.len(), 3 * 4);
        for w in 1..=4 {
            assert_eq!([qty(&o, "billboard-48", "a", "en-GB", w), qty(&o, "billboard-48", "b", "en-GB", w), qty(&o, "billboard-48", "c", "en-GB", w)], [Some(14), Some(13), Some(13)]);
        }
        assert_eq!(total(&o, "billboard-48", "a", "en-GB"), Some(56));
        assert_eq!(total(&o, "billboard-48", "b", "en-GB"), Some(52));
        assert_eq!(o.format_totals, [FormatTotal { format: "billboard-48".into(), artworks: 3, quantity: 160 }]);
    }

    #[test]
    fn languages_split_each_message_share() {
        let msgs = "messages:
  - id: a
    headline: {en-GB: Message A, gd: Teachdaireachd A}
  - id: b
    headline: {en-GB: Message B, gd: Teachdaireachd B}
  - id: c
    headline: {en-GB: Message C, gd: Teachdaireachd C}
";
        let yaml = format!(
            "{}{msgs}placements:
  - format: billboard-48
    sites: 40
  - format: six-sheet
    sites: 7
",
            head(1, "[en-GB, gd]")
        );
        let c = load_yaml(&yaml);
        let o = order(&c);
        // billboard-48: a 14 -> 7 + 7; b 13 -> 7 + 6; c 13 -> 7 + 6.
        let bb: Vec<_> = ["a", "b", "c"].iter().flat_map(|m| ["en-GB", "gd"].map(|l| qty(&o, "billboard-48", m, l, 1).unwrap())).collect();
        assert_eq!(bb, [7, 7, 7, 6, 7, 6]);
        // six-sheet: a 3 -> 2 + 1; b 2 -> 1 + 1; c 2 -> 1 + 1.
        let ss: Vec<_> = ["a", "b", "c"].iter().flat_map(|m| ["en-GB", "gd"].map(|l| qty(&o, "six-sheet", m, l, 1).unwrap())).collect();
        assert_eq!(ss, [2, 1, 1, 1, 1, 1]);
        assert_eq!(o.format_totals.iter().map(|f| f.quantity).collect::<Vec<_>>(), [40, 7]);
        assert_eq!(quantity(&c, 0, 0, "fr", 1), 0, "a language the campaign does not have gets nothing");
    }

    #[test]
    fn posting_dates_and_csv_columns() {
        let yaml = format!(
            "{}{ABC}schedule:
  - week: 3
    messages: [b]
placements:
  - format: billboard-48
    sites: 40
",
            head(3, "[en-GB]")
        );
        let c = load_yaml(&yaml);
        let o = order(&c);
        assert_eq!(o.rows.len(), 1);
        assert_eq!(o.rows[0].posting_date, "2019-04-01", "week 3 of a campaign starting 2019-03-18");
        let csv = o.order_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "file,format,message,language,week,posting_date,trim_mm,scale,bleed_mm,quantity");
        assert_eq!(lines[1], "print/billboard-48_b_en-GB.pdf,billboard-48,b,en-GB,3,2019-04-01,6096x3048,0.1,10,40");
        assert_eq!(lines[2], "");
        let totals = o.totals_csv();
        assert_eq!(
            totals,
            "file,format,message,language,weeks,quantity\r\nprint/billboard-48_b_en-GB.pdf,billboard-48,b,en-GB,3,40\r\nTOTAL,billboard-48,,,3,40\r\n"
        );
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["rows"][0]["quantity"], 40);
        assert_eq!(json["totals"][0]["weeks"], serde_json::json!([3]));
        assert_eq!(json["notes"][1], NO_PROFILE_NOTE);
        let names: Vec<String> = o.files().into_iter().map(|f| f.rel).collect();
        assert_eq!(names, ["print-order.csv", "print-totals.csv", "print-notes.txt"]);
    }

    #[test]
    fn notes_name_missing_profile_and_weeks_without_copies() {
        let yaml = format!(
            "{}{ABC}placements:
  - format: six-sheet
    sites: 2
",
            head(1, "[en-GB]")
        );
        let mut c = load_yaml(&yaml);
        let o = order(&c);
        assert_eq!(qty(&o, "six-sheet", "c", "en-GB", 1), Some(0), "the row stays, with 0");
        assert_eq!(o.notes[0], QUANTITY_NOTE);
        assert!(o.notes.iter().any(|n| n == NO_PROFILE_NOTE));
        assert!(o.notes.iter().any(|n| n == "week 1, six-sheet: 2 sites for 3 messages x 1 language; no copies that week for c (en-GB)"), "{:?}", o.notes);
        assert!(o.notes_txt().contains("not PDF/X)\n"));

        c.print.output_profile = Some(("profile.icc".into(), std::sync::Arc::new(Vec::new())));
        let o = order(&c);
        assert!(!o.notes.iter().any(|n| n.contains("output profile")), "{:?}", o.notes);
    }

    #[test]
    fn shipped_campaign_order() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("campaigns/stop-it-now-scotland.yaml");
        let (c, _) = crate::campaign::load(&path).expect("shipped campaign loads");
        let o = order(&c);
        // Week 1 shows one message; weeks 2-4 rotate three, the first listed getting the odd site.
        assert_eq!(total(&o, "billboard-48", "worried-about-yourself", "en-GB"), Some(40 + 14 + 13 + 13));
        assert_eq!(total(&o, "billboard-48", "family-and-friends", "en-GB"), Some(13 + 13 + 14));
        assert_eq!(total(&o, "billboard-48", "you-will-be-caught", "en-GB"), Some(13 + 14 + 13));
        assert_eq!(total(&o, "phone-box", "worried-about-yourself", "en-GB"), Some(150 + 50 + 50 + 50));
        let ft: Vec<(&str, usize, u32)> = o.format_totals.iter().map(|f| (f.format.as_str(), f.artworks, f.quantity)).collect();
        assert_eq!(ft, [("billboard-48", 3, 160), ("phone-box", 3, 600)]);
    }

    #[test]
    fn csv_fields_are_quoted_per_rfc_4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_record(&["x", "y, z", ""]), "x,\"y, z\",\r\n");
    }
}

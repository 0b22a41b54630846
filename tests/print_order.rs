//! The print order (quantities, rotation, dates, job sheet, CSV columns), checked on campaigns
//! written here, loaded through the real loader and planned. The split tests use
//! `reposting: weekly`, where an artwork's copies in a week are its share of the sites; the
//! site plan and `changes` are in tests/site_plan.rs.

mod common;
use billposter::campaign::Campaign;
use billposter::output::print_order::{FormatTotal, NO_PROFILE_NOTE, PrintOrder, print_order};
use billposter::plan::{Selection, plan};
use billposter::vocab::Timestamp;
use common::{cmyk_profile, head, load_yaml};

const ABC: &str = "messages:
  - id: a
    headline: Message A
  - id: b
    headline: Message B
  - id: c
    headline: Message C
";

/// Every site gets a new copy every week: copies = shares.
const WEEKLY: &str = "print:\n  reposting: weekly\n";

fn order(c: &Campaign) -> PrintOrder {
    print_order(&plan(c, &Selection::default(), Timestamp::FIXED))
}

fn qty(o: &PrintOrder, format: &str, message: &str, language: &str, week: u32) -> Option<u64> {
    o.rows.iter().find(|r| r.format == format && r.message == message && r.language == language && r.week == week).map(|r| r.quantity)
}

fn total(o: &PrintOrder, format: &str, message: &str, language: &str) -> Option<u64> {
    o.totals.iter().find(|t| t.format == format && t.message == message && t.language == language).map(|t| t.quantity)
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
{WEEKLY}",
        head(2, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let o = order(&c);
    // Week 1: 40 / 3 and 150 / 3 and 7 / 3.
    assert_eq!(
        [qty(&o, "billboard-48", "a", "en-GB", 1), qty(&o, "billboard-48", "b", "en-GB", 1), qty(&o, "billboard-48", "c", "en-GB", 1)],
        [Some(14), Some(13), Some(13)]
    );
    assert_eq!(
        [qty(&o, "phone-box", "a", "en-GB", 1), qty(&o, "phone-box", "b", "en-GB", 1), qty(&o, "phone-box", "c", "en-GB", 1)],
        [Some(50), Some(50), Some(50)]
    );
    assert_eq!(
        [qty(&o, "six-sheet", "a", "en-GB", 1), qty(&o, "six-sheet", "b", "en-GB", 1), qty(&o, "six-sheet", "c", "en-GB", 1)],
        [Some(3), Some(2), Some(2)]
    );
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
            let sum: u64 = o.rows.iter().filter(|r| r.format == f && r.week == w).map(|r| r.quantity).sum();
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
{WEEKLY}",
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
{WEEKLY}",
        head(4, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let o = order(&c);
    assert_eq!(o.rows.len(), 3 * 4);
    for w in 1..=4 {
        assert_eq!(
            [qty(&o, "billboard-48", "a", "en-GB", w), qty(&o, "billboard-48", "b", "en-GB", w), qty(&o, "billboard-48", "c", "en-GB", w)],
            [Some(14), Some(13), Some(13)]
        );
    }
    assert_eq!(total(&o, "billboard-48", "a", "en-GB"), Some(56));
    assert_eq!(total(&o, "billboard-48", "b", "en-GB"), Some(52));
    assert_eq!(o.format_totals, [FormatTotal { format: "billboard-48".into(), artworks: 3, spares: 0, quantity: 160 }]);
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
{WEEKLY}",
        head(1, "[en-GB, gd]")
    );
    let c = load_yaml(&yaml);
    let o = order(&c);
    // billboard-48: a 14 -> 7 + 7; b 13 -> 7 + 6; c 13 -> the odd site goes to gd this time
    // (languages take turns), so each language gets 20, not en-GB 21 and gd 19 (changed by #14).
    let bb: Vec<_> = ["a", "b", "c"].iter().flat_map(|m| ["en-GB", "gd"].map(|l| qty(&o, "billboard-48", m, l, 1).unwrap())).collect();
    assert_eq!(bb, [7, 7, 7, 6, 6, 7]);
    // six-sheet: a 3 -> 2 + 1; b 2 -> 1 + 1; c 2 -> 1 + 1.
    let ss: Vec<_> = ["a", "b", "c"].iter().flat_map(|m| ["en-GB", "gd"].map(|l| qty(&o, "six-sheet", m, l, 1).unwrap())).collect();
    assert_eq!(ss, [2, 1, 1, 1, 1, 1]);
    assert_eq!(o.format_totals.iter().map(|f| f.quantity).collect::<Vec<_>>(), [40, 7]);
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
    assert_eq!(lines[0], "file,format,message,language,week,posting_date,due_date,trim_mm,scale,bleed_mm,copies,spares,quantity");
    // Due 10 working days before Monday 1 April 2019: Monday 18 March.
    assert_eq!(lines[1], "print/billboard-48_b_en-GB_10pct.pdf,billboard-48,b,en-GB,3,2019-04-01,2019-03-18,6096x3048,0.1,10,40,0,40");
    assert_eq!(lines[2], "");
    let totals = o.totals_csv();
    assert_eq!(
        totals,
        "file,format,message,language,weeks,spares,quantity\r\nprint/billboard-48_b_en-GB_10pct.pdf,billboard-48,b,en-GB,3,0,40\r\nTOTAL,billboard-48,,,3,0,40\r\n"
    );
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["rows"][0]["quantity"], 40);
    assert_eq!(json["totals"][0]["weeks"], serde_json::json!([3]));
    assert_eq!(json["sheets"][0]["colour"], NO_PROFILE_NOTE);
    let names: Vec<String> = o.files().into_iter().map(|f| f.rel).collect();
    assert_eq!(names, ["print-order.csv", "print-totals.csv", "site-plan.csv", "print-notes.txt"]);
}

#[test]
fn artworks_no_site_shows_are_not_made_and_named() {
    let yaml = format!(
        "{}{ABC}placements:
  - format: six-sheet
    sites: 2
",
        head(1, "[en-GB]")
    );
    let mut c = load_yaml(&yaml);
    let p = plan(&c, &Selection::default(), Timestamp::FIXED);
    let o = print_order(&p);
    assert_eq!(qty(&o, "six-sheet", "c", "en-GB", 1), None, "no row for an artwork no site shows");
    assert_eq!(total(&o, "six-sheet", "c", "en-GB"), None);
    assert!(!p.assets.iter().any(|a| a.key == "six-sheet/c/en-GB"), "c is not made");
    assert_eq!(p.findings.len(), 1, "{:?}", p.findings);
    assert!(p.findings[0].message.contains("six-sheet: message c (en-GB) gets no site in week 1"), "{}", p.findings[0].message);
    assert!(!p.findings[0].is_error());
    assert!(o.notes_txt().contains("Colour: plain CMYK PDF (no output profile given; not PDF/X)\n"));

    let icc = cmyk_profile();
    let profile = billposter::vocab::icc::Profile::parse(std::path::Path::new("profile.icc"), &icc).unwrap();
    c.print.output_profile = Some(std::sync::Arc::new(profile));
    let o = order(&c);
    assert!(o.notes_txt().contains("Colour: CMYK, PDF/X-4, output profile"), "{}", o.notes_txt());
    assert!(!o.notes_txt().contains(NO_PROFILE_NOTE));
}

#[test]
fn shipped_campaign_order() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("campaigns/stop-it-now-scotland.yaml");
    let (c, _) = billposter::campaign::load(&path).expect("shipped campaign loads");
    let o = order(&c);
    // Reposting changes (the default): week 1 posts 40 of one message; week 2 keeps it on 14
    // sites and posts the two new messages on 26; weeks 3 and 4 move one site each.
    assert_eq!(total(&o, "billboard-48", "worried-about-yourself", "en-GB"), Some(40));
    assert_eq!(total(&o, "billboard-48", "family-and-friends", "en-GB"), Some(13 + 1));
    assert_eq!(total(&o, "billboard-48", "you-will-be-caught", "en-GB"), Some(13 + 1));
    assert_eq!(total(&o, "phone-box", "worried-about-yourself", "en-GB"), Some(150));
    let ft: Vec<(&str, usize, u64)> = o.format_totals.iter().map(|f| (f.format.as_str(), f.artworks, f.quantity)).collect();
    assert_eq!(ft, [("billboard-48", 3, 68), ("phone-box", 3, 250)]);
}

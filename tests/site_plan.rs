//! The print run a media owner accepts (issue #14): one pool of sites per format, even splits
//! over messages and placement languages, the site plan, reposting only where the artwork
//! changes, spares, due dates and a run past 2^32 refused. Campaigns are written here, loaded
//! through the real loader and planned; the site plan is read back from its CSV.

mod common;
use billposter::campaign::Campaign;
use billposter::output::print_order::{PrintOrder, print_order};
use billposter::plan::{Plan, Selection, plan};
use billposter::vocab::Timestamp;
use common::{head, load_yaml};
use std::collections::{BTreeMap, BTreeSet};

const ABC: &str = "messages:
  - id: a
    headline: {en-GB: Message A, gd: Teachdaireachd A, cy: Neges A}
  - id: b
    headline: {en-GB: Message B, gd: Teachdaireachd B, cy: Neges B}
  - id: c
    headline: {en-GB: Message C, gd: Teachdaireachd C, cy: Neges C}
";

fn planned(c: &Campaign) -> (Plan, PrintOrder) {
    let p = plan(c, &Selection::default(), Timestamp::FIXED);
    let o = print_order(&p);
    (p, o)
}

/// `site-plan.csv` as (format, site, week, file, new_copy) rows.
fn site_rows(o: &PrintOrder) -> Vec<(String, u64, u32, String, bool)> {
    let csv = o.site_plan_csv();
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next(), Some("format,site,week,file,new_copy"));
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 5, "{l}");
            assert!(f[4] == "yes" || f[4] == "no", "{l}");
            (f[0].to_string(), f[1].parse().unwrap(), f[2].parse().unwrap(), f[3].to_string(), f[4] == "yes")
        })
        .collect()
}

/// Copies shown per (format, week, file), from the site plan.
fn shown(o: &PrintOrder) -> BTreeMap<(String, u32, String), u64> {
    let mut m = BTreeMap::new();
    for (f, _, w, file, _) in site_rows(o) {
        *m.entry((f, w, file)).or_default() += 1;
    }
    m
}

/// The site plan's invariants: no site shows two artworks in a week; every week a format shows
/// exactly its pooled sites S; shares differ by at most one (`even`: the format is
/// one pool); new copies in the site plan are exactly the print order's copies.
fn check_site_plan(o: &PrintOrder, sites: &BTreeMap<(String, u32), u64>, even: bool) {
    let rows = site_rows(o);
    let mut seen = BTreeSet::new();
    for (f, site, w, _, _) in &rows {
        assert!(seen.insert((f.clone(), *site, *w)), "{f} site {site} shows two artworks in week {w}");
    }
    for ((f, w), &n) in sites {
        let at: BTreeSet<u64> = rows.iter().filter(|r| &r.0 == f && r.2 == *w).map(|r| r.1).collect();
        assert_eq!(at.len() as u64, n, "{f} week {w}: every site, once");
        let shares: Vec<u64> = shown(o).iter().filter(|((ff, ww, _), _)| ff == f && ww == w).map(|(_, &n)| n).collect();
        let (lo, hi) = (shares.iter().min().unwrap(), shares.iter().max().unwrap());
        assert!(!even || hi - lo <= 1, "{f} week {w}: {shares:?}");
    }
    let mut new: BTreeMap<(u32, String), u64> = BTreeMap::new();
    for (_, _, w, file, n) in &rows {
        if *n {
            *new.entry((*w, file.clone())).or_default() += 1;
        }
    }
    let ordered: BTreeMap<(u32, String), u64> = o.rows.iter().map(|r| ((r.week, r.file.clone()), r.copies)).collect();
    assert_eq!(new, ordered, "the site plan's new copies are the order's copies");
}

#[test]
fn one_pool_per_format_and_languages_split_evenly() {
    // 21 phone boxes in three contracts of 7, in three languages, one message: pooled, 7/7/7
    // (split per placement and summed it was 9/6/6). Billboards 1 + 40 in a three-message
    // week: 14/14/13 (separately 15/13/13).
    let yaml = format!(
        "{}{ABC}schedule:
  - week: 1
    messages: [a]
  - week: 2
    messages: [a, b, c]
placements:
  - format: phone-box
    sites: 7
  - format: phone-box
    sites: 7
  - format: phone-box
    sites: 7
  - format: billboard-48
    sites: 1
  - format: billboard-48
    sites: 40
print:
  reposting: weekly
",
        head(2, "[en-GB, gd, cy]")
    );
    let c = load_yaml(&yaml);
    let (_, o) = planned(&c);
    let q =
        |f: &str, m: &str, l: &str, w: u32| o.rows.iter().find(|r| r.format == f && r.message == m && r.language == l && r.week == w).map_or(0, |r| r.quantity);
    assert_eq!(["en-GB", "gd", "cy"].map(|l| q("phone-box", "a", l, 1)), [7, 7, 7]);
    let per_message = |m: &str| ["en-GB", "gd", "cy"].iter().map(|l| q("billboard-48", m, l, 2)).sum::<u64>();
    assert_eq!(["a", "b", "c"].map(per_message), [14, 14, 13]);
    let sites: BTreeMap<(String, u32), u64> =
        [(("phone-box".to_string(), 1), 21), (("phone-box".to_string(), 2), 21), (("billboard-48".to_string(), 1), 41), (("billboard-48".to_string(), 2), 41)]
            .into();
    check_site_plan(&o, &sites, true);
}

#[test]
fn a_second_contracts_sites_get_new_copies() {
    // 150 phone boxes in weeks 1-2, another contract's 50 in weeks 3-4: its sites never showed
    // the first contract's posters, so week 3 posts 50 new copies (sites 151-200).
    let c = load_yaml(&std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/two-contracts.yaml")).unwrap());
    let (_, o) = planned(&c);
    let phone: Vec<(u32, u64)> = o.rows.iter().filter(|r| r.format == "phone-box").map(|r| (r.week, r.quantity)).collect();
    assert_eq!(phone, [(1, 150), (3, 50)]);
    let rows = site_rows(&o);
    let week3: BTreeSet<u64> = rows.iter().filter(|r| r.0 == "phone-box" && r.2 == 3).map(|r| r.1).collect();
    assert_eq!(week3, (151..=200).collect());
}

#[test]
fn placement_languages_take_only_their_sites() {
    // A Gaelic-only contract of 10 and a bilingual one of 6: Gaelic artworks get 10 + 3.
    let yaml = format!(
        "{}messages:
  - id: a
    headline: {{en-GB: Message A, gd: Teachdaireachd A}}
placements:
  - format: phone-box
    sites: 10
    languages: [gd]
  - format: phone-box
    sites: 6
  - format: instagram-square
    languages: [gd]
print:
  reposting: weekly
",
        head(1, "[en-GB, gd]")
    );
    let c = load_yaml(&yaml);
    let (p, o) = planned(&c);
    let q = |l: &str| o.rows.iter().find(|r| r.language == l).map(|r| r.quantity);
    assert_eq!((q("en-GB"), q("gd")), (Some(3), Some(13)));
    let social: Vec<&str> = p.assets.iter().filter(|a| a.format.id == "instagram-square").map(|a| a.language.as_str()).collect();
    assert_eq!(social, ["gd"], "assets only in the languages a placement posts");
    // Two pools (the languages differ): each is even, not the format as a whole.
    check_site_plan(&o, &[(("phone-box".to_string(), 1), 16)].into(), false);
}

/// Random-ish campaigns (a fixed LCG, so the test is deterministic): the invariants hold for
/// every format and week, with both reposting modes.
#[test]
fn site_plan_properties_over_many_campaigns() {
    let mut seed = 0x2545_f491_u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for case in 0..40 {
        let weeks = 1 + next(5) as u32;
        // A week left out of the schedule posts nothing.
        let mut schedule = String::from("schedule:\n");
        let mut weekly_msgs = vec![0u64; weeks as usize];
        for w in 1..=weeks {
            let k = next(4);
            weekly_msgs[w as usize - 1] = k;
            if k == 0 {
                continue;
            }
            let msgs: Vec<&str> = ["a", "b", "c"].into_iter().cycle().skip(next(3) as usize).take(k as usize).collect();
            schedule.push_str(&format!("  - week: {w}\n    messages: [{}]\n", msgs.join(", ")));
        }
        if weekly_msgs.iter().all(|&k| k == 0) {
            continue;
        }
        let mut placements = String::from("placements:\n");
        let mut sites: BTreeMap<(String, u32), u64> = BTreeMap::new();
        for _ in 0..1 + next(3) {
            let n = 1 + next(30);
            let from = 1 + next(weeks as u64) as u32;
            let ws: Vec<u32> = (from..=weeks).collect();
            placements
                .push_str(&format!("  - format: phone-box\n    sites: {n}\n    weeks: [{}]\n", ws.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")));
            for w in ws {
                if weekly_msgs[w as usize - 1] > 0 {
                    *sites.entry(("phone-box".to_string(), w)).or_default() += n;
                }
            }
        }
        let repost = if case % 2 == 0 { "weekly" } else { "changes" };
        let yaml = format!("{}{ABC}{schedule}{placements}print:\n  reposting: {repost}\n", head(weeks, "[en-GB, gd, cy]"));
        let c = load_yaml(&yaml);
        let (_, o) = planned(&c);
        check_site_plan(&o, &sites, true);
    }
}

#[test]
fn reposting_changes_saves_copies_on_the_bundled_campaign() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("campaigns/stop-it-now-scotland.yaml");
    let (mut c, _) = billposter::campaign::load(&path).expect("shipped campaign loads");
    let total = |o: &PrintOrder| o.format_totals.iter().map(|f| f.quantity).sum::<u64>();
    let (_, changes) = planned(&c);
    c.print.reposting = billposter::vocab::settings::Reposting::Weekly;
    let (_, weekly) = planned(&c);
    // Weekly: 40 billboards and 150 phone boxes, 4 weeks. Changes: 68 + 250.
    assert_eq!(total(&weekly), 4 * (40 + 150));
    assert_eq!(total(&changes), 68 + 250);
    assert_eq!(total(&weekly) - total(&changes), 442, "copies saved by reposting only where the artwork changes");
    let sites: BTreeMap<(String, u32), u64> = (1..=4).flat_map(|w| [(("billboard-48".to_string(), w), 40), (("phone-box".to_string(), w), 150)]).collect();
    check_site_plan(&changes, &sites, true);
    check_site_plan(&weekly, &sites, true);
    // The job sheet says the same totals as the CSVs.
    for o in [&changes, &weekly] {
        let sheet = o.notes_txt();
        for f in &o.format_totals {
            let section = sheet.split(&format!("== {} ==", f.format)).nth(1).unwrap();
            let section = section.split("\n== ").next().unwrap();
            assert!(section.contains(&format!("\nTotal: {}\n", f.quantity)), "{section}");
            let weekly_sum: u64 = section.lines().filter(|l| l.starts_with("Week ")).map(|l| l.rsplit("= ").next().unwrap().parse::<u64>().unwrap()).sum();
            assert_eq!(weekly_sum, f.quantity, "{section}");
            for r in o.rows.iter().filter(|r| r.format == f.format) {
                assert!(section.contains(&format!("  {}: {} + {} = {}\n", r.file, r.copies, r.spares, r.quantity)), "{section}");
                assert!(section.contains(&format!("posted {}, due {}:", r.posting_date, r.due_date)));
            }
        }
    }
}

#[test]
fn spares_and_due_dates_over_a_weekend_and_a_month_end() {
    // Week 1 starts Wednesday 2024-05-01; 3 working days before is Friday 26 April (over a
    // weekend and the month end). Week 2 (Wednesday 8 May) is due Friday 3 May.
    let yaml = "version: 1
campaign:
  id: spares
  name: Spares
  organisation: Org
  start: 2024-05-01
  weeks: 2
contact:
  helpline: \"0808 1000 900\"
  hours: \"Mon-Fri\"
  website: example.org
  link: \"https://example.org/\"
messages:
  - id: a
    headline: A
  - id: b
    headline: B
schedule:
  - week: 1
    messages: [a]
  - week: 2
    messages: [a, b]
placements:
  - format: billboard-96
    sites: 31
    spares: 20%
  - format: six-sheet
    sites: 4
    spares: 2
print:
  supply_working_days: 3
";
    let c = load_yaml(yaml);
    let (p, o) = planned(&c);
    let row = |f: &str, m: &str, w: u32| o.rows.iter().find(|r| r.format == f && r.message == m && r.week == w).unwrap();
    let r = row("billboard-96", "a", 1);
    assert_eq!((r.posting_date.as_str(), r.due_date.as_str()), ("2024-05-01", "2024-04-26"));
    assert_eq!((r.copies, r.spares, r.quantity), (31, 7, 38), "20% of 31 is 6.2: 7 spares");
    let r = row("billboard-96", "b", 2);
    assert_eq!(r.due_date, "2024-05-03");
    assert_eq!((r.copies, r.spares, r.quantity), (15, 3, 18), "a keeps 16 sites; b is posted on 15");
    assert!(!o.rows.iter().any(|r| r.message == "a" && r.week == 2 && r.format == "billboard-96"), "a posts no new copy in week 2");
    let r = row("six-sheet", "b", 2);
    assert_eq!((r.copies, r.spares, r.quantity), (2, 2, 4));
    // -wN follows the weeks an artwork is posted: a's billboard posts in week 1 only.
    let a = p.assets.iter().find(|a| a.key == "billboard-96/a/en-GB").unwrap();
    assert_eq!(a.weeks, [1]);
    let t = o.format_totals.iter().find(|t| t.format == "billboard-96").unwrap();
    assert_eq!((t.spares, t.quantity), (10, 38 + 18));
    let csv = o.totals_csv();
    assert!(csv.contains("\r\nTOTAL,billboard-96,,,1 2,10,56\r\n"), "{csv}");
}

#[test]
fn a_run_past_two_to_the_32_is_refused_with_its_true_size() {
    // 83 placements of 1,000,000 sites over 52 weeks: 4,316,000,000 posters (u32 wraps to
    // 21,032,704).
    let mut yaml = String::from(
        "version: 1
campaign:
  id: huge
  name: Huge
  organisation: Org
  start: 2024-01-01
  weeks: 52
contact:
  helpline: \"0808 1000 900\"
  hours: \"Mon-Fri\"
  website: example.org
  link: \"https://example.org/\"
messages:
  - id: a
    headline: A
placements:
",
    );
    for _ in 0..83 {
        yaml.push_str("  - format: phone-box\n    sites: 1000000\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    std::fs::write(&path, &yaml).unwrap();
    let err = billposter::campaign::load(&path).expect_err("refused").to_string();
    assert!(err.contains("the print run is 4316000000 posters"), "{err}");
    assert!(err.contains("huge.yaml:17:3: error[campaign]"), "{err}");
}

#[test]
fn brand_colours_over_300_percent_ink_are_named() {
    let yaml = format!(
        "{}brand:
  background: {{cmyk: [80, 80, 80, 70]}}
  accent: {{cmyk: [0, 100, 100, 100]}}
  text: \"#FFFFFF\"
messages:
  - id: a
    headline: A
placements:
  - format: phone-box
    sites: 1
",
        head(1, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let (p, _) = planned(&c);
    let ink: Vec<&str> = p.findings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(ink.len(), 1, "{ink:?}");
    assert!(ink[0].starts_with("brand.background {cmyk: [80, 80, 80, 70]} is 310% total ink"), "{}", ink[0]);
    assert!(!p.findings[0].is_error());
}

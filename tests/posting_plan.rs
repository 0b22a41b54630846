//! The posting plan and its caption checks, on campaigns written here and loaded through the
//! real loader.

mod common;
use billposter::campaign::Campaign;
use billposter::output::posting_plan::{PostingPlan, PostingRow, caption_length, posting_plan, x_weighted_length};
use billposter::plan::{Counting, Selection, plan};
use billposter::vocab::{Diagnostic, Severity, Timestamp};
use common::{head, load_yaml};

fn run(c: &Campaign) -> (PostingPlan, Vec<Diagnostic>) {
    posting_plan(&plan(c, &Selection::default(), Timestamp::FIXED))
}

#[test]
fn rows_per_week_with_dates_platforms_and_captions() {
    let yaml = format!(
        "{}messages:
  - id: a
    headline: Message A
    caption: Caption A
  - id: b
    headline: Message B
    caption: Caption B
schedule:
  - week: 1
    messages: [a]
  - week: 2
    messages: [a, b]
placements:
  - format: billboard-48
    sites: 40
  - format: x-post
    weeks: [2]
  - format: instagram-story
  - format: d6
",
        head(2, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let (p, findings) = run(&c);
    assert!(findings.is_empty(), "{findings:?}");
    assert!(p.rows.iter().all(|r| r.format != "billboard-48"), "print assets are not posted");
    // A format's posts in a week are spread over its first five days (default posting times):
    // the second of two on day 2. Screens are booked by the week, in their own schedule.
    let keys: Vec<(u32, &str, &str, &str, &str)> =
        p.rows.iter().map(|r| (r.week, r.date.as_str(), r.time.as_str(), r.format.as_str(), r.platform.as_str())).collect();
    assert_eq!(
        keys,
        [
            (1, "2019-03-18", "10:00", "instagram-story", "Instagram"),
            (2, "2019-03-25", "10:00", "x-post", "X"),
            (2, "2019-03-27", "10:00", "x-post", "X"),
            (2, "2019-03-25", "10:00", "instagram-story", "Instagram"),
            (2, "2019-03-27", "10:00", "instagram-story", "Instagram"),
        ]
    );
    let screens: Vec<(u32, &str, &str, &str)> = p.screens.iter().map(|r| (r.week, r.start_date.as_str(), r.end_date.as_str(), r.file.as_str())).collect();
    assert_eq!(
        screens,
        [
            (1, "2019-03-18", "2019-03-24", "screen/d6_a_en-GB.jpg"),
            (2, "2019-03-25", "2019-03-31", "screen/d6_a_en-GB.jpg"),
            (2, "2019-03-25", "2019-03-31", "screen/d6_b_en-GB.jpg"),
        ]
    );
    assert!(p.screens.iter().all(|r| r.link.contains("utm_medium=screen")), "{:?}", p.screens);
    let x_b = p.rows.iter().find(|r| r.format == "x-post" && r.file.contains("_b_")).unwrap();
    assert_eq!(x_b.file, "social/x-post_b_en-GB.png");
    assert_eq!(x_b.caption, "Caption B");
    assert_eq!(x_b.alt_text, "Message B. Helpline 0808 1000 900, Mon-Fri 9am-5pm. example.org");
    assert!(p.rows.iter().filter(|r| r.format != "x-post").all(|r| r.caption.is_empty()), "stories take no caption");
    assert!(p.screens.iter().all(|r| !r.alt_text.is_empty()));
    assert_eq!(x_b.link, "https://example.org/?utm_source=x-post&utm_medium=social&utm_campaign=test-campaign&utm_content=b");
}

#[test]
fn csv_quotes_captions_with_commas_quotes_and_newlines() {
    let yaml = format!(
        "{}messages:
  - id: a
    headline: Message A
    caption: \"Worried? Call, text or \\\"chat\\\" now.\\nSecond line\"
placements:
  - format: instagram-square
",
        head(1, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let (p, _) = run(&c);
    assert_eq!(p.rows[0].caption, "Worried? Call, text or \"chat\" now.\nSecond line");
    let csv = p.to_csv();
    let names: Vec<String> = p.files().into_iter().map(|f| f.rel).collect();
    assert_eq!(names, ["posting-plan.csv", "screen-schedule.csv"]);
    assert_eq!(
        csv,
        "date,time,week,platform,format,file,language,caption,alt_text,link\r\n\
             2019-03-18,10:00,1,Instagram,instagram-square,social/instagram-square_a_en-GB.png,en-GB,\
             \"Worried? Call, text or \"\"chat\"\" now.\nSecond line\",\
             \"Message A. Helpline 0808 1000 900, Mon-Fri 9am-5pm. example.org\",\
             https://example.org/?utm_source=instagram-square&utm_medium=social&utm_campaign=test-campaign&utm_content=a\r\n"
    );
    assert_eq!(p.screens_csv(), "week,start_date,end_date,format,file,language,alt_text,link\r\n");
}

#[test]
fn caption_over_x_limit_is_an_error_at_the_caption() {
    let long = "Worried about your online behaviour? ".repeat(8); // 296 characters, 295 trimmed
    let yaml = format!(
        "{}messages:
  - id: a
    headline: Message A
    caption: \"{long}\"
  - id: b
    headline: Message B
placements:
  - format: x-post
  - format: instagram-square
  - format: instagram-story
  - format: d6
",
        head(1, "[en-GB]")
    );
    // Line 17 is `    caption: "…"`; the value starts at column 14.
    assert!(yaml.lines().nth(16).unwrap().starts_with("    caption: \"Worried"), "fixture moved: {yaml}");
    let c = load_yaml(&yaml);
    let (_, findings) = run(&c);
    let errors: Vec<&Diagnostic> = findings.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "only X is over its limit: {findings:?}");
    let e = errors[0];
    assert_eq!(e.code, "caption");
    assert_eq!(e.message, "message a: caption (en-GB) is 295 characters; X allows 280 (x-post)");
    assert_eq!(e.file.as_deref(), Some(c.file.as_path()));
    assert_eq!((e.span.line, e.span.column), (17, 14));
    // b has no caption: one warning at its id, naming the formats that take one.
    let warnings: Vec<&Diagnostic> = findings.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{findings:?}");
    assert_eq!(warnings[0].message, "message b has no caption; its posts on x-post, instagram-square go out with the image alone");
    assert_eq!((warnings[0].span.line, warnings[0].span.column), (18, 9));
}

#[test]
fn localised_captions_are_checked_per_language() {
    let over = "a".repeat(281);
    let yaml = format!(
        "{}messages:
  - id: a
    headline: {{en-GB: A, gd: A}}
    caption: {{en-GB: \"Short\", gd: \"{over}\"}}
  - id: b
    headline: {{en-GB: B, gd: B}}
    caption: {{en-GB: \"Fine\", gd: \"  \"}}
placements:
  - format: x-post
",
        head(1, "[en-GB, gd]")
    );
    let c = load_yaml(&yaml);
    let (p, findings) = run(&c);
    let msgs: Vec<(Severity, &str)> = findings.iter().map(|d| (d.severity, d.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (Severity::Error, "message a: caption (gd) is 281 characters; X allows 280 (x-post)"),
            (Severity::Warning, "message b: caption (gd) is empty; its posts on x-post go out with the image alone"),
        ]
    );
    let captions: Vec<(&str, &str)> = p.rows.iter().map(|r| (r.language.as_str(), r.caption.as_str())).collect();
    assert_eq!(captions[0], ("en-GB", "Short"));
    assert_eq!(captions[3], ("gd", ""));
}

#[test]
fn shipped_campaign_plan() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("campaigns/stop-it-now-scotland.yaml");
    let (c, _) = billposter::campaign::load(&path).expect("shipped campaign loads");
    let (p, findings) = run(&c);
    assert!(findings.is_empty(), "{findings:?}");
    // Four social formats and d6; one message in week 1, three in weeks 2-4.
    assert_eq!(p.rows.len(), 4 * (1 + 3 + 3 + 3));
    assert_eq!(p.screens.len(), 1 + 3 + 3 + 3);
    let x: Vec<&PostingRow> = p.rows.iter().filter(|r| r.format == "x-post").collect();
    assert!(x.iter().all(|r| !r.caption.is_empty() && x_weighted_length(&r.caption) <= 280));
    assert_eq!(x[0].date, "2019-03-18");
}

#[test]
fn x_counts_links_emoji_and_wide_characters_as_x_does() {
    assert_eq!(x_weighted_length("hello world"), 11);
    assert_eq!(x_weighted_length(""), 0);
    assert_eq!(x_weighted_length("Mon–Fri 9am–5pm"), 15, "en dash is in X's one-character range");
    assert_eq!(x_weighted_length("…"), 2);
    assert_eq!(x_weighted_length("日本語"), 6);
    assert_eq!(x_weighted_length("https://www.stopitnow.org.uk/get-help/self-help"), 23);
    assert_eq!(x_weighted_length("see (https://a.co)."), 4 + 1 + 23 + 2);
    assert_eq!(x_weighted_length("stopitnow.org.uk"), 16, "a bare domain counts no more than typed");
    assert_eq!(x_weighted_length("a-very-long-bare-domain.example.org.uk"), 23);
    assert_eq!(x_weighted_length("👍"), 2);
    assert_eq!(x_weighted_length("👍🏽"), 2);
    assert_eq!(x_weighted_length("👨‍👩‍👧"), 2);
    assert_eq!(x_weighted_length("🇬🇧🇮🇪"), 4);
    assert_eq!(x_weighted_length("❤️ help"), 2 + 1 + 4);
    assert_eq!(x_weighted_length("two\nlines"), 9);
    assert_eq!(caption_length("日本語", Counting::Chars), 3);
}

#[test]
fn posting_time_and_spread_are_configurable() {
    let yaml = format!(
        "{}messages:
  - id: a
    headline: Message A
    caption: A
  - id: b
    headline: Message B
    caption: B
  - id: c
    headline: Message C
    caption: C
placements:
  - format: instagram-square
posting:
  time: \"18:30\"
  spread_days: 7
",
        head(1, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let (p, _) = run(&c);
    let when: Vec<(&str, &str)> = p.rows.iter().map(|r| (r.date.as_str(), r.time.as_str())).collect();
    // Three posts over seven days: days 0, 2 and 4.
    assert_eq!(when, [("2019-03-18", "18:30"), ("2019-03-20", "18:30"), ("2019-03-22", "18:30")]);
}

/// Each post's day is decided by the plan over the whole campaign: a plan filtered to one
/// message (`--message`) gives its posts the days a full plan gives them (spread among every
/// message of the week, not only the selected ones).
#[test]
fn a_filtered_plan_gives_each_post_the_day_of_the_full_plan() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("campaigns/stop-it-now-scotland.yaml");
    let (c, _) = billposter::campaign::load(&path).expect("shipped campaign loads");
    let (full, _) = run(&c);
    let mut compared = 0;
    for m in &c.messages {
        let sel = Selection { only: None, message: Some(m.id.value.clone()) };
        let (part, _) = posting_plan(&plan(&c, &sel, Timestamp::FIXED));
        assert!(!part.rows.is_empty());
        for r in &part.rows {
            let same = full.rows.iter().find(|f| f.file == r.file && f.week == r.week).expect("the post is in the full plan");
            assert_eq!((&r.date, &r.time), (&same.date, &same.time), "{} week {}", r.file, r.week);
            compared += 1;
        }
    }
    assert_eq!(compared, full.rows.len(), "every post compared once");
    // Spread, not stacked: week 2 has three messages, so its x-post posts fall on three days.
    let mut days: Vec<&str> = full.rows.iter().filter(|r| r.week == 2 && r.format == "x-post").map(|r| r.date.as_str()).collect();
    days.dedup();
    assert_eq!(days.len(), 3, "{days:?}");
}

//! The posting plan: `posting-plan.csv`, one row per social or screen asset per week it runs,
//! with the date (the week's first day), platform, file, caption and alt text
//! (campaign-format.md, "What one campaign file makes"). Rows are ordered by week, then in plan
//! order (placements as written, messages as written, languages as listed).
//!
//! # Captions
//! The caption is the message's `caption` in the asset's language, trimmed (a YAML block scalar's
//! final newline is not part of the post). Screens take no caption, and neither do stories
//! (a format id ending in `-story`: Instagram Stories have no caption field); their caption
//! column is empty and nothing is checked.
//!
//! Caption limits (not in `research/formats.md`, which has only Instagram's 2,200 as the alt-text
//! stand-in; sources: docs.x.com "Counting characters", and the publishing-API limit tables of
//! Ayrshare and Upload-Post for the others):
//!
//! | format id | platform | limit |
//! |---|---|---|
//! | `instagram-*` | Instagram | 2,200 characters |
//! | `x-*` | X | 280, weighted as X counts ([`x_weighted_length`]) |
//! | `facebook-*` | Facebook | 63,206 characters |
//! | `linkedin-*` | LinkedIn | 3,000 characters |
//! | other social | the id's first part | not checked |
//!
//! Characters are Unicode scalar values. Some platforms count UTF-16 units (an emoji is then 2);
//! counting scalar values never counts more than they do, so an over-limit finding is certain,
//! though a caption just under a limit may still be refused. An over-long caption is an error
//! (the post would be refused or cut); a social asset whose message has no caption is a warning
//! (the post goes out with the image alone).

use super::alt;
use super::print_order::csv_record;
use super::OutFile;
use crate::campaign::{Campaign, Format, Kind};
use crate::diag::Diagnostic;
use crate::plan::AssetSpec;
use serde::Serialize;

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PostingPlan {
    pub rows: Vec<PostingRow>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PostingRow {
    /// First day of the week, ISO `YYYY-MM-DD`.
    pub date: String,
    pub week: u32,
    pub platform: String,
    pub format: String,
    pub file: String,
    pub language: String,
    /// Empty for screens and stories.
    pub caption: String,
    pub alt_text: String,
}

/// How a platform counts a caption's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Unicode scalar values.
    Chars,
    /// X's weighted count, see [`x_weighted_length`].
    XWeighted,
}

/// What a format does with a caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptionRule {
    /// Screens and stories: no caption.
    NoCaption,
    /// A social platform whose limit billposter does not know.
    Unchecked,
    Limit { max: usize, counting: Counting },
}

/// The platform name shown in the plan and the caption rule for a format, by its id (see the
/// module table). Overriding a built-in format keeps its id, so it keeps its platform.
pub fn platform(f: &Format) -> (String, CaptionRule) {
    use CaptionRule::*;
    if f.kind != Kind::Social {
        return (f.kind.as_str().to_string(), NoCaption);
    }
    let id = f.id.as_str();
    let (name, rule) = if id.starts_with("instagram-") {
        ("Instagram", Limit { max: 2_200, counting: Counting::Chars })
    } else if id.starts_with("x-") {
        ("X", Limit { max: 280, counting: Counting::XWeighted })
    } else if id.starts_with("facebook-") {
        ("Facebook", Limit { max: 63_206, counting: Counting::Chars })
    } else if id.starts_with("linkedin-") {
        ("LinkedIn", Limit { max: 3_000, counting: Counting::Chars })
    } else {
        (id.split('-').next().unwrap_or(id), Unchecked)
    };
    let rule = if id.ends_with("-story") { NoCaption } else { rule };
    (name.to_string(), rule)
}

pub fn caption_length(text: &str, counting: Counting) -> usize {
    match counting {
        Counting::Chars => text.chars().count(),
        Counting::XWeighted => x_weighted_length(text),
    }
}

/// A caption's length as X counts it (twitter-text configuration v3, docs.x.com "Counting
/// characters"): code points in U+0000–10FF, U+2000–200D, U+2010–201F and U+2032–2037 count 1,
/// all others 2; an emoji counts 2 however many code points it takes; a link counts 23.
///
/// Without twitter-text's link parser and emoji tables, this approximates, choosing where in
/// doubt to count less than X does (an error must be certain): a word starting `http://` or
/// `https://` is a link (23); a word with a dot inside, which X may or may not link
/// (`stopitnow.org.uk`), counts the lesser of its own length and 23; an emoji sequence is a
/// character followed by variation selectors, skin tones, tags, keycap marks or ZWJ-joined
/// characters, or a pair of regional indicators (a flag). The one way it can count more: no NFC
/// normalisation is done, so decomposed accents count 2 where X counts 1 (YAML text typed by
/// people is nearly always NFC already).
pub fn x_weighted_length(text: &str) -> usize {
    let mut n = 0;
    let mut word = String::new();
    for ch in text.chars() {
        if ch.is_whitespace() {
            n += x_word_length(&word) + x_weight(ch);
            word.clear();
        } else {
            word.push(ch);
        }
    }
    n + x_word_length(&word)
}

fn x_weight(c: char) -> usize {
    match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

fn x_word_length(word: &str) -> usize {
    const LEAD: &[char] = &['(', '[', '"', '\'', '<', '“', '‘'];
    const TRAIL: &[char] = &['.', ',', ':', ';', '!', '?', ')', ']', '"', '\'', '>', '”', '’'];
    let core = word.trim_start_matches(LEAD).trim_end_matches(TRAIL);
    if core.is_empty() {
        return x_weighted_chars(word);
    }
    let start = word.len() - word.trim_start_matches(LEAD).len();
    let (lead, rest) = word.split_at(start);
    let trail = &rest[core.len()..];
    let punct = x_weighted_chars(lead) + x_weighted_chars(trail);
    let lower = core.to_ascii_lowercase();
    let scheme = ["https://", "http://"].into_iter().find(|s| lower.starts_with(s));
    if let Some(s) = scheme
        && core.len() > s.len()
    {
        return punct + 23;
    }
    let own = x_weighted_chars(core);
    let dotted = core.split('.').count() > 1 && core.split('.').all(|p| !p.is_empty()) && !core.contains('@');
    punct + if dotted { own.min(23) } else { own }
}

fn x_weighted_chars(s: &str) -> usize {
    let weight = x_weight;
    let joins = |c: char| matches!(c as u32, 0xFE0E | 0xFE0F | 0x20E3 | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F);
    let regional = |c: char| (0x1F1E6..=0x1F1FF).contains(&(c as u32));
    let mut n = 0;
    let mut prev: Option<char> = None;
    let mut after_zwj = false;
    let mut open_flag = false;
    for c in s.chars() {
        if prev.is_some() && joins(c) {
            // part of the previous emoji
        } else if after_zwj {
            after_zwj = false;
        } else if c == '\u{200D}' && prev.is_some_and(|p| weight(p) == 2 || joins(p)) {
            after_zwj = true;
        } else if regional(c) && open_flag {
            open_flag = false;
        } else {
            open_flag = regional(c);
            n += weight(c);
        }
        prev = Some(c);
    }
    n
}

/// Build the plan for the social and screen assets among `specs` (print ones are ignored), and
/// check captions. `file` gives each asset's image path relative to the output folder.
/// Findings have code `caption` and point at the message's caption (or its id when it has none).
pub fn posting_plan(c: &Campaign, specs: &[AssetSpec], file: impl Fn(&AssetSpec) -> String) -> (PostingPlan, Vec<Diagnostic>) {
    let assets: Vec<&AssetSpec> = specs.iter().filter(|a| a.kind() != Kind::Print).collect();
    let mut rows = Vec::new();
    for a in &assets {
        let (platform, rule) = platform(&a.format);
        let caption = match (rule, &c.messages[a.message].caption) {
            (CaptionRule::NoCaption, _) | (_, None) => String::new(),
            (_, Some(t)) => t.get(&a.language).trim().to_string(),
        };
        let f = file(a);
        let alt_text = alt::alt_text(c, a);
        for &week in &a.weeks {
            rows.push(PostingRow {
                date: c.start.week_start(week).to_string(),
                week,
                platform: platform.clone(),
                format: a.format.id.clone(),
                file: f.clone(),
                language: a.language.clone(),
                caption: caption.clone(),
                alt_text: alt_text.clone(),
            });
        }
    }
    rows.sort_by_key(|r| r.week); // stable: plan order within a week
    (PostingPlan { rows }, caption_findings(c, &assets))
}

/// One finding per message without a caption, per (message, language) with an empty caption,
/// and per (message, language, platform) over the platform's limit; in message order.
fn caption_findings(c: &Campaign, assets: &[&AssetSpec]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (mi, m) in c.messages.iter().enumerate() {
        let id = &m.id.value;
        // (platform, rule, format ids) of the caption-taking formats this message posts on.
        let mut platforms: Vec<(String, CaptionRule, Vec<String>)> = Vec::new();
        let mut languages: Vec<&str> = Vec::new();
        for a in assets.iter().filter(|a| a.message == mi) {
            let (name, rule) = platform(&a.format);
            if rule == CaptionRule::NoCaption {
                continue;
            }
            if !languages.contains(&a.language.as_str()) {
                languages.push(&a.language);
            }
            match platforms.iter_mut().find(|(n, r, _)| *n == name && *r == rule) {
                Some((_, _, ids)) if ids.contains(&a.format.id) => {}
                Some((_, _, ids)) => ids.push(a.format.id.clone()),
                None => platforms.push((name, rule, vec![a.format.id.clone()])),
            }
        }
        if platforms.is_empty() {
            continue;
        }
        let all_formats = || platforms.iter().flat_map(|(_, _, ids)| ids.iter().map(String::as_str)).collect::<Vec<_>>().join(", ");
        let Some(caption) = &m.caption else {
            out.push(
                Diagnostic::warning("caption", format!("message {id} has no caption; its posts on {} go out with the image alone", all_formats()))
                    .at(&c.file, m.id.span)
                    .hint("add caption: to the message, the text posted with the image"),
            );
            continue;
        };
        for lang in languages {
            let text = caption.get(lang).trim();
            if text.is_empty() {
                out.push(
                    Diagnostic::warning("caption", format!("message {id}: caption ({lang}) is empty; its posts on {} go out with the image alone", all_formats()))
                        .at(&c.file, caption.span),
                );
                continue;
            }
            for (name, rule, ids) in &platforms {
                let CaptionRule::Limit { max, counting } = *rule else { continue };
                let len = caption_length(text, counting);
                if len > max {
                    let mut d = Diagnostic::error(
                        "caption",
                        format!("message {id}: caption ({lang}) is {len} characters; {name} allows {max} ({})", ids.join(", ")),
                    )
                    .at(&c.file, caption.span);
                    d = d.hint(match counting {
                        Counting::XWeighted => "shorten the caption; X counts every link as 23 characters, and emoji and most non-Latin characters as 2",
                        Counting::Chars => "shorten the caption",
                    });
                    out.push(d);
                }
            }
        }
    }
    out
}

impl PostingPlan {
    /// `posting-plan.csv` (RFC 4180, CRLF line ends; captions and alt text quoted where needed).
    pub fn to_csv(&self) -> String {
        let mut s = csv_record(&["date", "week", "platform", "format", "file", "language", "caption", "alt_text"]);
        for r in &self.rows {
            s.push_str(&csv_record(&[&r.date, &r.week.to_string(), &r.platform, &r.format, &r.file, &r.language, &r.caption, &r.alt_text]));
        }
        s
    }

    /// The plan as `posting-plan.csv`, beside `manifest.json`.
    pub fn file(&self) -> OutFile {
        OutFile { rel: "posting-plan.csv".into(), bytes: self.to_csv().into_bytes() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::output::print_order::tests::{head, load_yaml};
    use crate::plan::{plan, Selection};

    fn run(c: &Campaign) -> (PostingPlan, Vec<Diagnostic>) {
        posting_plan(c, &plan(c, &Selection::default()), |a| format!("{}.{}", a.stem, a.format.file.ext()))
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
        let keys: Vec<(u32, &str, &str, &str)> = p.rows.iter().map(|r| (r.week, r.date.as_str(), r.format.as_str(), r.platform.as_str())).collect();
        assert_eq!(
            keys,
            [
                (1, "2019-03-18", "instagram-story", "Instagram"),
                (1, "2019-03-18", "d6", "screen"),
                (2, "2019-03-25", "x-post", "X"),
                (2, "2019-03-25", "x-post", "X"),
                (2, "2019-03-25", "instagram-story", "Instagram"),
                (2, "2019-03-25", "instagram-story", "Instagram"),
                (2, "2019-03-25", "d6", "screen"),
                (2, "2019-03-25", "d6", "screen"),
            ]
        );
        let x_b = p.rows.iter().find(|r| r.format == "x-post" && r.file.contains("_b_")).unwrap();
        assert_eq!(x_b.file, "social/x-post_b_en-GB.png");
        assert_eq!(x_b.caption, "Caption B");
        assert_eq!(x_b.alt_text, "Message B. Helpline 0808 1000 900, Mon-Fri 9am-5pm. example.org");
        assert!(p.rows.iter().filter(|r| r.format != "x-post").all(|r| r.caption.is_empty()), "stories and screens take no caption");
        assert!(p.rows.iter().filter(|r| r.format == "d6").all(|r| !r.alt_text.is_empty()));
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
        assert_eq!(p.file().rel, "posting-plan.csv");
        assert_eq!(
            csv,
            "date,week,platform,format,file,language,caption,alt_text\r\n\
             2019-03-18,1,Instagram,instagram-square,social/instagram-square_a_en-GB.png,en-GB,\
             \"Worried? Call, text or \"\"chat\"\" now.\nSecond line\",\
             \"Message A. Helpline 0808 1000 900, Mon-Fri 9am-5pm. example.org\"\r\n"
        );
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
        let (c, _) = crate::campaign::load(&path).expect("shipped campaign loads");
        let (p, findings) = run(&c);
        assert!(findings.is_empty(), "{findings:?}");
        // d6 and four social formats; one message in week 1, three in weeks 2-4.
        assert_eq!(p.rows.len(), 5 * (1 + 3 + 3 + 3));
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
}

//! The posting plan, ready for a scheduler: `posting-plan.csv`, one row per social post
//! (date, time, week, platform, format, file, language, caption, alt text, the asset's tracked
//! link), and `screen-schedule.csv`, one row per screen (d6) asset per week it runs (start and
//! end date, format, file, language, alt text, link): screens are booked for a week, not posted.
//! Rows are ordered by week, then in plan order (placements as written, messages as written,
//! languages as listed).
//!
//! # Times
//! In each week, the posts of one format are spread over the first `posting.spread_days` days
//! of the campaign week (default 5), the `i`-th of `n` on day `i × days / n`, at `posting.time`
//! (default 10:00, local): so a three-message week posts one message a day or two apart rather
//! than all at once, and every language version of a message is a separate post. The plan
//! decides each post's day (`Posting::posted_on`); this module only lists and formats.
//!
//! # Captions
//! The caption is the message's `caption` in the asset's language, trimmed (a YAML block scalar's
//! final newline is not part of the post). Screens take no caption, and neither do stories
//! (a format id ending in `-story`: Instagram Stories have no caption field); their caption
//! column is empty and nothing is checked.
//!
//! Each asset's platform and caption limit are resolved by the plan (`plan::platform`); X's
//! weighted count is in `x_count`.
//!
//! Characters are Unicode scalar values. Some platforms count UTF-16 units (an emoji is then 2);
//! counting scalar values never counts more than they do, so an over-limit finding is certain,
//! though a caption just under a limit may still be refused. An over-long caption is an error
//! (the post would be refused or cut); a social asset whose message has no caption is a warning
//! (the post goes out with the image alone).

mod x_count;

pub use x_count::{caption_length, x_weighted_length};

use super::OutFile;
use super::csv::csv_record;
use crate::plan::{AssetSpec, CaptionRule, Counting, Plan, Platform, Text};
use crate::vocab::{Code, Diagnostic, Kind};
use serde::Serialize;

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PostingPlan {
    /// Social posts.
    pub rows: Vec<PostingRow>,
    /// Screen bookings.
    pub screens: Vec<ScreenRow>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PostingRow {
    /// The day of the post, ISO `YYYY-MM-DD`.
    pub date: String,
    /// Local time of the post, `HH:MM`.
    pub time: String,
    pub week: u32,
    pub platform: String,
    pub format: String,
    pub file: String,
    pub language: String,
    /// Empty for stories.
    pub caption: String,
    pub alt_text: String,
    /// The tracked link (the QR's, when the image shows one).
    pub link: String,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ScreenRow {
    pub week: u32,
    /// The week's first and last day, ISO.
    pub start_date: String,
    pub end_date: String,
    pub format: String,
    pub file: String,
    pub language: String,
    pub alt_text: String,
    pub link: String,
}

/// Build the plan for the social and screen assets of `plan` (print ones are ignored), and
/// check captions. Findings have code `caption` and point at the message's caption (or its id
/// when it has none).
pub fn posting_plan(plan: &Plan) -> (PostingPlan, Vec<Diagnostic>) {
    let assets: Vec<&AssetSpec> = plan.assets.iter().filter(|a| a.kind() != Kind::Print).collect();
    let mut rows = Vec::new();
    let mut screens = Vec::new();
    for a in &assets {
        let caption = match (a.platform.rule, &a.caption) {
            (CaptionRule::NoCaption, _) | (_, None) => String::new(),
            (_, Some(t)) => t.text.clone(),
        };
        let alt_text = a.alt.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        for p in &a.postings {
            if a.kind() == Kind::Screen {
                screens.push(ScreenRow {
                    week: p.week,
                    start_date: p.date.to_string(),
                    end_date: p.date.add_days(6).to_string(),
                    format: a.format.id.clone(),
                    file: a.files.main.clone(),
                    language: a.language.clone(),
                    alt_text: alt_text.clone(),
                    link: a.link.text.clone(),
                });
                continue;
            }
            rows.push(PostingRow {
                // The day is the plan's (`plan::posting`): spread over the week there, once.
                date: p.posted_on.unwrap_or(p.date).to_string(),
                time: plan.posting.time(),
                week: p.week,
                platform: a.platform.name.clone(),
                format: a.format.id.clone(),
                file: a.files.main.clone(),
                language: a.language.clone(),
                caption: caption.clone(),
                alt_text: alt_text.clone(),
                link: a.link.text.clone(),
            });
        }
    }
    rows.sort_by_key(|r| r.week); // stable: plan order within a week
    screens.sort_by_key(|r| r.week);
    (PostingPlan { rows, screens }, caption_findings(&assets))
}

/// One finding per message without a caption, per (message, language) with an empty caption,
/// and per (message, language, platform) over the platform's limit; in message order.
fn caption_findings(assets: &[&AssetSpec]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ordinals: Vec<usize> = assets.iter().map(|a| a.message.ordinal).collect();
    ordinals.sort_unstable();
    ordinals.dedup();
    for mi in ordinals {
        let of_message: Vec<&&AssetSpec> = assets.iter().filter(|a| a.message.ordinal == mi).collect();
        let m = &of_message[0].message;
        let source = of_message[0].source.as_path();
        let id = &m.id;
        // (platform, rule, format ids) of the caption-taking formats this message posts on,
        // and each language's caption.
        let mut platforms: Vec<(String, CaptionRule, Vec<String>)> = Vec::new();
        let mut languages: Vec<(&str, Option<&Text>)> = Vec::new();
        for a in &of_message {
            let Platform { name, rule } = &a.platform;
            if *rule == CaptionRule::NoCaption {
                continue;
            }
            if !languages.iter().any(|(l, _)| *l == a.language) {
                languages.push((&a.language, a.caption.as_ref()));
            }
            match platforms.iter_mut().find(|(n, r, _)| n == name && r == rule) {
                Some((_, _, ids)) if ids.contains(&a.format.id) => {}
                Some((_, _, ids)) => ids.push(a.format.id.clone()),
                None => platforms.push((name.clone(), *rule, vec![a.format.id.clone()])),
            }
        }
        if platforms.is_empty() {
            continue;
        }
        let all_formats = || platforms.iter().flat_map(|(_, _, ids)| ids.iter().map(String::as_str)).collect::<Vec<_>>().join(", ");
        if languages.iter().all(|(_, c)| c.is_none()) {
            out.push(
                Diagnostic::warning(Code::Caption, format!("message {id} has no caption; its posts on {} go out with the image alone", all_formats()))
                    .at(source, m.span)
                    .hint("add caption: to the message, the text posted with the image"),
            );
            continue;
        }
        for (lang, caption) in languages {
            let Some(caption) = caption else { continue };
            let text = caption.text.as_str();
            if text.is_empty() {
                out.push(
                    Diagnostic::warning(
                        Code::Caption,
                        format!("message {id}: caption ({lang}) is empty; its posts on {} go out with the image alone", all_formats()),
                    )
                    .at(source, caption.span),
                );
                continue;
            }
            for (name, rule, ids) in &platforms {
                let CaptionRule::Limit { max, counting } = *rule else { continue };
                let len = caption_length(text, counting);
                if len > max {
                    let mut d = Diagnostic::error(
                        Code::Caption,
                        format!("message {id}: caption ({lang}) is {len} characters; {name} allows {max} ({})", ids.join(", ")),
                    )
                    .at(source, caption.span);
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
        let mut s = csv_record(&["date", "time", "week", "platform", "format", "file", "language", "caption", "alt_text", "link"]);
        for r in &self.rows {
            s.push_str(&csv_record(&[&r.date, &r.time, &r.week.to_string(), &r.platform, &r.format, &r.file, &r.language, &r.caption, &r.alt_text, &r.link]));
        }
        s
    }

    /// `screen-schedule.csv`.
    pub fn screens_csv(&self) -> String {
        let mut s = csv_record(&["week", "start_date", "end_date", "format", "file", "language", "alt_text", "link"]);
        for r in &self.screens {
            s.push_str(&csv_record(&[&r.week.to_string(), &r.start_date, &r.end_date, &r.format, &r.file, &r.language, &r.alt_text, &r.link]));
        }
        s
    }

    /// `posting-plan.csv` and `screen-schedule.csv`, beside `manifest.json`.
    pub fn files(&self) -> Vec<OutFile> {
        vec![
            OutFile { rel: "posting-plan.csv".into(), bytes: self.to_csv().into_bytes() },
            OutFile { rel: "screen-schedule.csv".into(), bytes: self.screens_csv().into_bytes() },
        ]
    }
}

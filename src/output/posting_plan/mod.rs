//! The posting plan: `posting-plan.csv`, one row per social or screen asset per week it runs,
//! with the date (the week's first day), platform, file, caption and alt text
//! (docs/campaign-format.md, "What one campaign file makes"). Rows are ordered by week, then in plan
//! order (placements as written, messages as written, languages as listed).
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

/// Build the plan for the social and screen assets of `plan` (print ones are ignored), and
/// check captions. Findings have code `caption` and point at the message's caption (or its id
/// when it has none).
pub fn posting_plan(plan: &Plan) -> (PostingPlan, Vec<Diagnostic>) {
    let assets: Vec<&AssetSpec> = plan.assets.iter().filter(|a| a.kind() != Kind::Print).collect();
    let mut rows = Vec::new();
    for a in &assets {
        let caption = match (a.platform.rule, &a.caption) {
            (CaptionRule::NoCaption, _) | (_, None) => String::new(),
            (_, Some(t)) => t.text.clone(),
        };
        let alt_text = a.alt.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        for p in &a.postings {
            rows.push(PostingRow {
                date: p.date.to_string(),
                week: p.week,
                platform: a.platform.name.clone(),
                format: a.format.id.clone(),
                file: a.files.main.clone(),
                language: a.language.clone(),
                caption: caption.clone(),
                alt_text: alt_text.clone(),
            });
        }
    }
    rows.sort_by_key(|r| r.week); // stable: plan order within a week
    (PostingPlan { rows }, caption_findings(&assets))
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

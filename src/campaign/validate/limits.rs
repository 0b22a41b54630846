//! Limits on how much a campaign may ask for, so that no file, however hostile, costs more than
//! about a gigabyte and twenty seconds. Each is far above any real campaign (the reference one
//! has 3 messages, 1 language, 21 assets); what is past them is a mistake or an attack, and is
//! refused at its line with the limit named.

use super::super::model::{self as m, S};
use super::{Ctx, sp};

/// Characters in one text (headline, body, caption, alt text…): a poster headline is ~60.
pub(super) const MAX_TEXT_CHARS: usize = 2_000;
pub(super) const MAX_MESSAGES: usize = 100;
pub(super) const MAX_LANGUAGES: usize = 20;
pub(super) const MAX_PLACEMENTS: usize = 100;
/// Assets a campaign makes at most (messages × languages × placements, an upper bound).
pub(super) const MAX_ASSETS: usize = 2_000;

/// One text, checked where it is written.
pub(super) fn text(cx: &mut Ctx, span: crate::vocab::Span, what: &str, s: &str) {
    let n = s.chars().count();
    if n > MAX_TEXT_CHARS {
        cx.err_hint(
            span,
            format!("{what} is {n} characters long; a text may be at most {MAX_TEXT_CHARS}"),
            "shorten it: copy that long cannot be read on a poster",
        );
    }
}

/// How many messages, languages and placements, and the assets they multiply to.
pub(super) fn counts(cx: &mut Ctx, f: &m::FileModel, languages: usize, languages_at: Option<&S<Vec<S<String>>>>) {
    let messages = f.messages.value.len();
    if messages > MAX_MESSAGES {
        cx.err_hint(
            sp(&f.messages),
            format!("messages lists {messages} messages; a campaign may have at most {MAX_MESSAGES}"),
            "split the campaign into several files",
        );
    }
    if languages > MAX_LANGUAGES
        && let Some(l) = languages_at
    {
        cx.err_hint(sp(l), format!("campaign.languages lists {languages} languages; at most {MAX_LANGUAGES}"), "split the campaign into several files");
    }
    let placements = f.placements.value.len();
    if placements > MAX_PLACEMENTS {
        cx.err_hint(sp(&f.placements), format!("placements lists {placements} placements; at most {MAX_PLACEMENTS}"), "split the campaign into several files");
    }
    let assets = messages.min(MAX_MESSAGES) * languages.min(MAX_LANGUAGES) * placements.min(MAX_PLACEMENTS);
    if assets > MAX_ASSETS {
        cx.err_hint(
            sp(&f.placements),
            format!("{messages} messages × {languages} languages × {placements} placements would make up to {assets} assets; at most {MAX_ASSETS}"),
            "split the campaign into several files",
        );
    }
}

//! `words`: the words billposter writes itself into an asset (today the generated alt text's
//! "Helpline" label), per language. Built in for the bundled languages (by primary subtag:
//! en-GB uses en's); a language without them that needs them must give them here, or it is an
//! error naming the keys — never English inside another language's asset.

use super::{Ctx, sp};
use crate::campaign::model::FileModel;
use crate::campaign::{Message, Placement, Words};
use crate::vocab::language::built_in_helpline;
use crate::vocab::{Code, Format, Kind, Span};
use std::collections::BTreeMap;

pub(super) fn words(
    cx: &mut Ctx,
    f: &FileModel,
    languages: &[String],
    placements: &[Placement],
    formats: &[Format],
    messages: &[Message],
) -> BTreeMap<String, Words> {
    let given = f.words.as_ref().map(|w| &w.value);
    let mut out = BTreeMap::new();
    if let Some(given) = given {
        for (lang, w) in given {
            if !languages.contains(lang) {
                cx.warn(Code::Campaign, sp(w), format!("words.{lang}: {lang} is not one of campaign.languages; these words are not used"));
            }
            if let Some(h) = &w.value.helpline
                && h.value.trim().is_empty()
            {
                cx.err_hint(sp(h), format!("words.{lang}.helpline is empty"), "give the word for 'Helpline' in this language, as its readers would write it");
            }
        }
    }
    // A language needs the words when one of its social or screen images gets a generated alt
    // text: some message has no alt text of its own.
    let generated_alt = messages.iter().any(|m| m.alt.is_none());
    for lang in languages {
        let needed = generated_alt
            && placements.iter().any(|p| p.languages.contains(lang) && formats.iter().find(|x| x.id == p.format.value).is_some_and(|x| x.kind != Kind::Print));
        let own = given.and_then(|g| g.get(lang)).and_then(|w| w.value.helpline.as_ref()).map(|h| h.value.trim().to_string()).filter(|h| !h.is_empty());
        match own.or_else(|| built_in_helpline(lang).map(str::to_string)) {
            Some(helpline) => {
                out.insert(lang.clone(), Words { helpline });
            }
            None if needed => {
                let span = language_span(f, lang);
                cx.err_hint(
                    span,
                    format!("language {lang} has no built-in words for the text billposter writes into its alt text; missing: words.{lang}.helpline"),
                    format!("add them to the campaign, in {lang}:\nwords:\n  {lang}:\n    helpline: \"…\"   # the word for 'Helpline'\n(or give every message an alt: text in {lang})"),
                );
            }
            None => {}
        }
    }
    out
}

/// Where a language is listed (or `campaign:` when the default applies).
fn language_span(f: &FileModel, lang: &str) -> Span {
    let c = &f.campaign;
    c.value.languages.as_ref().and_then(|l| l.value.iter().find(|t| t.value == lang)).map(sp).unwrap_or_else(|| sp(c))
}

//! Texts: language maps resolved against `campaign.languages`, tabs normalised, and the
//! "did you mean" hint for ids.

use super::super::Localised;
use super::super::model::{S, TextModel};
use super::super::wording::closest;
use super::{Ctx, sp};

/// `hint`, led by the closest id when the given one looks like a typo of it.
pub(super) fn did_you_mean<'a>(given: &str, hint: String, ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    match closest(given, &ids) {
        Some(m) => format!("did you mean {m}? {hint}"),
        None => hint,
    }
}

pub(super) fn known<'a>(what: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = ids.collect();
    format!("known {what}: {}", v.join(", "))
}

/// A tab typed into copy is a space on a poster (fonts have no glyph for it); normalised once
/// here so layout, alt text and preflight all see the same text.
pub(super) fn clean(s: &str) -> String {
    s.replace('\t', " ")
}

pub(super) fn localise(cx: &mut Ctx, t: &S<TextModel>, what: &str, languages: &[String]) -> Localised {
    let span = sp(t);
    match &t.value {
        TextModel::One(s) => super::limits::text(cx, span, what, s),
        TextModel::ByLanguage(map) => map.iter().for_each(|(_, v)| super::limits::text(cx, sp(v), what, &v.value)),
    }
    match &t.value {
        TextModel::One(s) => Localised { by_language: languages.iter().map(|l| (l.clone(), clean(s))).collect(), span },
        TextModel::ByLanguage(map) => {
            let mut by = Vec::new();
            for (k, _) in map {
                if !languages.contains(&k.value) {
                    cx.err_hint(
                        sp(k),
                        format!("{what}: language {} is not in campaign.languages", k.value),
                        format!("campaign.languages is [{}]", languages.join(", ")),
                    );
                }
            }
            for l in languages {
                match map.iter().find(|(k, _)| &k.value == l) {
                    Some((_, v)) => by.push((l.clone(), clean(&v.value))),
                    None => {
                        cx.err_hint(
                            span,
                            format!("{what}: no text for language {l}"),
                            "every language in campaign.languages needs a text in each language map",
                        );
                        by.push((l.clone(), String::new()));
                    }
                }
            }
            Localised { by_language: by, span }
        }
    }
}

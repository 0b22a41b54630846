//! Alt text for social and screen images (always written; contains the headline, the helpline
//! number and its hours; ≤ 125 characters ideally, never above 1,000).

use super::{AssetCopy, Text};
use crate::campaign::placeholders;
use crate::campaign::{Message, Words};
use crate::vocab::language::punctuation;

/// A caption or alt text with its placeholders filled in from the asset's own copy (so in its
/// language) and `link`, the asset's tracked link.
pub(super) fn expand(template: &str, copy: &AssetCopy, link: &str) -> String {
    let opt = |t: &Option<Text>| t.as_ref().map(|t| t.text.trim().to_string()).unwrap_or_default();
    placeholders::expand(template, |name| match name {
        "helpline" => copy.helpline.text.clone(),
        "hours" => opt(&copy.hours),
        "helpline_note" => opt(&copy.helpline_note),
        "website" => copy.website.text.clone(),
        "link" => link.to_string(),
        _ => String::new(),
    })
}

/// The message's own alt text in `lang`, or one made from the asset's copy. The span points at
/// the message's `alt`, or at its id when the text is generated.
/// The label before the number comes from `words` (the campaign's or the built-in ones for the
/// language; validation makes sure a language that needs them has them), and the punctuation
/// from the language, so a generated alt text is all in the asset's language.
pub(super) fn alt_text(m: &Message, copy: &AssetCopy, lang: &str, words: Option<&Words>, link: &str, photo: Option<&str>) -> Text {
    if let Some(alt) = &m.alt {
        return Text::new(expand(alt.get(lang), copy, link).trim(), alt.span);
    }
    let p = punctuation(lang);
    let sentence = |t: &str| {
        let t = t.trim();
        if t.ends_with(p.ends) { t.to_string() } else { format!("{t}{}", p.full_stop) }
    };
    // The photograph's description first, as a reader meets the poster: picture, then words.
    let headline = match photo.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => format!("{} {}", sentence(p), sentence(&copy.headline.text)),
        None => sentence(&copy.headline.text),
    };
    let label = words.map_or("", |w| w.helpline.as_str());
    let mut contact = format!("{label} {}", copy.helpline.text).trim_start().to_string();
    if let Some(h) = &copy.hours {
        contact.push_str(&format!("{} {}", p.comma, h.text.trim()));
    }
    contact.push_str(&format!("{} {}", p.full_stop, copy.website.text));
    // Screen readers may cut alt text past ~125 characters: the body goes in only if it fits.
    if let Some(b) = &copy.body {
        let full = format!("{headline} {} {contact}", sentence(&b.text));
        if full.chars().count() <= 125 {
            return Text::new(full, m.id.span);
        }
    }
    Text::new(format!("{headline} {contact}"), m.id.span)
}

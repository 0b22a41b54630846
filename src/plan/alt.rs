//! Alt text for social and screen images (always written; contains the headline, the helpline
//! number and its hours; ≤ 125 characters ideally, never above 1,000).

use super::{AssetCopy, Text};
use crate::campaign::Message;

/// The message's own alt text in `lang`, or one made from the asset's copy. The span points at
/// the message's `alt`, or at its id when the text is generated.
pub(super) fn alt_text(m: &Message, copy: &AssetCopy, lang: &str) -> Text {
    if let Some(alt) = &m.alt {
        return Text::new(alt.get(lang).trim(), alt.span);
    }
    let sentence = |t: &str| {
        let t = t.trim();
        if t.ends_with(['.', '!', '?']) { t.to_string() } else { format!("{t}.") }
    };
    let headline = sentence(&copy.headline.text);
    let mut contact = format!("Helpline {}", copy.helpline.text);
    if let Some(h) = &copy.hours {
        contact.push_str(&format!(", {}", h.text.trim()));
    }
    contact.push_str(&format!(". {}", copy.website.text));
    // Screen readers may cut alt text past ~125 characters: the body goes in only if it fits.
    if let Some(b) = &copy.body {
        let full = format!("{headline} {} {contact}", sentence(&b.text));
        if full.chars().count() <= 125 {
            return Text::new(full, m.id.span);
        }
    }
    Text::new(format!("{headline} {contact}"), m.id.span)
}

//! Alt text for social and screen images (formats.md: always written; contains the headline,
//! the helpline number and its hours; ≤ 125 characters ideally, never above 1,000).

use crate::campaign::Campaign;
use crate::plan::AssetSpec;

pub fn alt_text(c: &Campaign, a: &AssetSpec) -> String {
    let m = &c.messages[a.message];
    let lang = a.language.as_str();
    if let Some(alt) = &m.alt {
        return alt.get(lang).trim().to_string();
    }
    let sentence = |t: &str| {
        let t = t.trim();
        if t.ends_with(['.', '!', '?']) { t.to_string() } else { format!("{t}.") }
    };
    let headline = sentence(m.headline.get(lang));
    let mut contact = format!("Helpline {}", c.contact.helpline.value);
    if let Some(h) = &c.contact.hours {
        contact.push_str(&format!(", {}", h.get(lang).trim()));
    }
    contact.push_str(&format!(". {}", c.contact.website.value));
    // Screen readers may cut alt text past ~125 characters: the body goes in only if it fits.
    if let Some(b) = &m.body {
        let full = format!("{headline} {} {contact}", sentence(b.get(lang)));
        if full.chars().count() <= 125 {
            return full;
        }
    }
    format!("{headline} {contact}")
}

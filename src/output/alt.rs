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
    let mut s = String::new();
    let headline = m.headline.get(lang).trim();
    s.push_str(headline);
    if !headline.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    if let Some(b) = &m.body {
        s.push(' ');
        s.push_str(b.get(lang).trim());
        if !s.ends_with(['.', '!', '?']) {
            s.push('.');
        }
    }
    s.push_str(&format!(" Helpline {}", c.contact.helpline.value));
    if let Some(h) = &c.contact.hours {
        s.push_str(&format!(", {}", h.get(lang).trim()));
    }
    s.push_str(&format!(". {}", c.contact.website.value));
    s
}

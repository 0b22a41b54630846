//! `alt-text` and `file-size`: what platforms accept.

use crate::campaign::{Campaign, Kind};
use crate::diag::Diagnostic;
use crate::plan::AssetSpec;

pub fn check_alt(c: &Campaign, spec: &AssetSpec, alt: Option<&str>, out: &mut Vec<Diagnostic>) {
    if spec.format.kind == Kind::Print {
        return;
    }
    let msg = &c.messages[spec.message];
    let span = msg.alt.as_ref().map(|a| a.span).unwrap_or(msg.id.span);
    let Some(alt) = alt.filter(|a| !a.trim().is_empty()) else {
        out.push(Diagnostic::error("alt-text", "no alt text").measured("empty", "present").at(&c.file, span));
        return;
    };
    let n = alt.chars().count();
    if n > 1000 {
        out.push(Diagnostic::error("alt-text", "alt text is longer than X accepts").measured(format!("{n} characters"), "≤ 1000").at(&c.file, span));
    } else if n > 125 {
        out.push(Diagnostic::warning("alt-text", "long alt text; screen readers may cut it").measured(format!("{n} characters"), "ideally ≤ 125").at(&c.file, span));
    }
    let lang = spec.language.as_str();
    let mut must = vec![("headline", msg.headline.get(lang).trim().to_string()), ("helpline number", c.contact.helpline.value.clone())];
    if let Some(h) = &c.contact.hours {
        must.push(("hours", h.get(lang).trim().to_string()));
    }
    for (what, text) in must {
        if !alt.contains(text.trim_end_matches(['.', '!', '?'])) {
            out.push(Diagnostic::error("alt-text", format!("alt text does not contain the {what}")).measured("absent", text).at(&c.file, span));
        }
    }
}

pub fn check_file_size(c: &Campaign, spec: &AssetSpec, bytes: Option<u64>, out: &mut Vec<Diagnostic>) {
    if let (Some(b), Some(max)) = (bytes, spec.format.max_bytes)
        && b > max {
            out.push(Diagnostic::error("file-size", format!("the {} file is larger than the platform accepts", spec.format.id))
                .measured(format!("{b} bytes"), format!("≤ {max} bytes"))
                .at(&c.file, c.placements[spec.placement].format.span));
        }
}

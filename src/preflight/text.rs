//! `alt-text` and `file-size`: what platforms accept.

use crate::plan::AssetSpec;
use crate::vocab::{Code, Diagnostic, Kind};

/// The asset's alt text (resolved by the plan) against the platforms' limits and the contact
/// details it must carry.
pub fn check_alt(spec: &AssetSpec, out: &mut Vec<Diagnostic>) {
    if spec.format.kind == Kind::Print {
        return;
    }
    let span = spec.alt.as_ref().map_or(spec.message.span, |a| a.span);
    let at = |d: Diagnostic| d.at(spec.source.as_path(), span);
    let Some(alt) = spec.alt.as_ref().map(|a| a.text.as_str()).filter(|a| !a.trim().is_empty()) else {
        out.push(at(Diagnostic::error(Code::AltText, "no alt text").measured("empty", "present")));
        return;
    };
    let n = alt.chars().count();
    if n > 1000 {
        out.push(at(Diagnostic::error(Code::AltText, "alt text is longer than X accepts").measured(format!("{n} characters"), "≤ 1000")));
    } else if n > 125 {
        out.push(at(Diagnostic::warning(Code::AltText, "long alt text; screen readers may cut it").measured(format!("{n} characters"), "ideally ≤ 125")));
    }
    let copy = &spec.copy;
    let mut must = vec![("headline", copy.headline.text.trim().to_string()), ("helpline number", copy.helpline.text.clone())];
    if let Some(h) = &copy.hours {
        must.push(("hours", h.text.trim().to_string()));
    }
    for (what, text) in must {
        if !alt.contains(text.trim_end_matches(['.', '!', '?'])) {
            out.push(at(Diagnostic::error(Code::AltText, format!("alt text does not contain the {what}")).measured("absent", text)));
        }
    }
}

pub fn check_file_size(spec: &AssetSpec, bytes: u64, out: &mut Vec<Diagnostic>) {
    if let Some(max) = spec.format.max_bytes
        && bytes > max
    {
        out.push(
            Diagnostic::error(Code::FileSize, format!("the {} file is larger than the platform accepts", spec.format.id))
                .measured(format!("{bytes} bytes"), format!("≤ {max} bytes"))
                .at(spec.source.as_path(), spec.format_span),
        );
    }
}

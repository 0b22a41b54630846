//! `presence`: the helpline number, web address and imprint on every asset, exactly as given;
//! the hours where given.

use crate::campaign::Campaign;
use crate::diag::{Diagnostic, Span};
use crate::layout::{Role, Scene};
use crate::plan::AssetSpec;

pub fn check(c: &Campaign, spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    let lang = spec.language.as_str();
    let mut want: Vec<(Role, String, Span)> = vec![
        (Role::Helpline, c.contact.helpline.value.clone(), c.contact.helpline.span),
        (Role::Website, c.contact.website.value.clone(), c.contact.website.span),
        (Role::Imprint, c.imprint(), c.organisation.span),
    ];
    if let Some(h) = &c.contact.hours {
        want.push((Role::Hours, h.get(lang).to_string(), h.span));
    }
    for (role, text, span) in want {
        let found = scene.texts().find(|(i, _)| i.role == role);
        match found {
            None => out.push(Diagnostic::error("presence", format!("the {} is missing", role.as_str())).measured("absent", text).at(&c.file, span)),
            Some((_, t)) if t.text != text || t.runs.is_empty() => out.push(
                Diagnostic::error("presence", format!("the {} shown differs from the campaign's", role.as_str())).measured(t.text.clone(), text).at(&c.file, span),
            ),
            Some(_) => {}
        }
    }
}

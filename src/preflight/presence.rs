//! `presence`: the helpline number, web address and imprint on every asset, exactly as given;
//! the hours where given.

use crate::layout::{Role, Scene};
use crate::plan::{AssetSpec, Text};
use crate::vocab::{Code, Diagnostic};

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    let copy = &spec.copy;
    let mut want: Vec<(Role, &Text)> = vec![(Role::Helpline, &copy.helpline), (Role::Website, &copy.website), (Role::Imprint, &copy.imprint)];
    if let Some(h) = &copy.hours {
        want.push((Role::Hours, h));
    }
    for (role, text) in want {
        let found = scene.texts().find(|(i, _)| i.role == role);
        let at = |d: Diagnostic| d.at(spec.source.as_path(), text.span);
        match found {
            None => out.push(at(Diagnostic::error(Code::Presence, format!("the {} is missing", role.as_str())).measured("absent", text.text.clone()))),
            Some((_, t)) if t.text != text.text || t.runs.is_empty() => {
                out.push(at(Diagnostic::error(Code::Presence, format!("the {} shown differs from the campaign's", role.as_str()))
                    .measured(t.text.clone(), text.text.clone())))
            }
            Some(_) => {}
        }
    }
}

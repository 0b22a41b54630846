//! `legibility`: cap height of every line against the format's rule; words per roadside headline.

use crate::layout::{Role, Scene};
use crate::plan::AssetSpec;
use crate::vocab::Kind;
use crate::vocab::units::CSS_PX_PER_MM;
use crate::vocab::{Code, Diagnostic};

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    let f = &spec.format;
    for (item, t) in scene.texts() {
        // The rule is stated as a cap height for print and screens, and as a font size for
        // social images (28 px per 1080 px of width).
        let (measured, required, unit_k, unit, what) = match f.kind {
            Kind::Social => (t.size_mm, f.min_social_text_mm(), f.px_per_mm().unwrap_or(CSS_PX_PER_MM), "px", "text size"),
            _ => {
                let cap_ratio = t.cap_height_mm / t.size_mm;
                (t.cap_height_mm, f.min_cap_mm(cap_ratio), 1.0, "mm", "cap height")
            }
        };
        // Screens: the scene is in CSS px; the rule is physical. Report physical mm.
        let phys = |v: f32| match f.display_mm {
            Some((dw, _)) => v * dw / f.width_mm,
            None => v * unit_k,
        };
        let unit = if f.display_mm.is_some() { "mm" } else { unit };
        if measured < required * 0.995 {
            let at = f.viewing_m.map(|d| format!(" read from {d} m")).unwrap_or_default();
            out.push(
                Diagnostic::error(Code::Legibility, format!("{} {what} is too small{at}", item.role.as_str()))
                    .measured(format!("{:.1} {unit}", phys(measured)), format!("≥ {:.1} {unit}", phys(required)))
                    .at(spec.source.as_path(), item.span),
            );
        } else if item.role == Role::Headline && f.kind != Kind::Social && measured < 2.0 * required {
            out.push(
                Diagnostic::warning(Code::Legibility, "headline cap height is below the recommended twice the minimum")
                    .measured(format!("{:.1} {unit}", phys(measured)), format!("ideally ≥ {:.1} {unit}", phys(2.0 * required)))
                    .at(spec.source.as_path(), item.span),
            );
        }
        if item.role == Role::Headline && spec.format.roadside {
            let words = t.text.split_whitespace().count();
            if words > 10 {
                out.push(
                    Diagnostic::warning(Code::Legibility, "a roadside headline should be read at a glance")
                        .measured(format!("{words} words"), "≤ 10 words")
                        .at(spec.source.as_path(), item.span),
                );
            }
        }
    }
}

//! `contrast`: WCAG 2.x ratio of each text against what is actually behind it in the scene
//! (the band, the QR tile, the background), on the sRGB colour shown (CMYK previewed as sRGB).

use crate::layout::{ItemKind, Role, Scene};
use crate::plan::AssetSpec;
use crate::vocab::Colour;
use crate::vocab::colour::{HELPLINE_CONTRAST, TEXT_CONTRAST};
use crate::vocab::{Code, Diagnostic};

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    for (idx, item) in scene.items.iter().enumerate() {
        let ItemKind::Text(t) = &item.kind else { continue };
        // Every surface painted under any part of this text, or the background.
        let mut behind: Vec<Colour> = Vec::new();
        for line in &t.lines {
            let mut under = Some(scene.background);
            for below in &scene.items[..idx] {
                match &below.kind {
                    ItemKind::Fill { rect, colour } if rect.intersects(&line.rect) => under = Some(*colour),
                    ItemKind::Qr(q) if q.rect.intersects(&line.rect) => under = Some(q.light),
                    // On a photograph: measured on its pixels (`photo`), not here.
                    ItemKind::Image(i) if below.role == Role::Photo && i.rect.intersects(&line.rect) => under = None,
                    _ => {}
                }
            }
            behind.extend(under);
        }
        let Some((worst, surface)) = behind.iter().map(|b| (t.colour.contrast(b), *b)).min_by(|a, b| a.0.total_cmp(&b.0)) else { continue };
        let measured = format!("{worst:.2}:1");
        if worst < TEXT_CONTRAST {
            // Name the pair and offer a value to paste: the nearest shade of the text colour
            // that passes on that surface, under the key that sets it.
            let key = if surface == spec.style.accent { "brand.accent_text" } else { "brand.text" };
            let hint = match t.colour.nearest_passing(&surface, TEXT_CONTRAST) {
                Some(fix) => format!("{key}: \"{}\" is the nearest shade of {} that reaches {TEXT_CONTRAST}:1 on {}", fix.hex(), t.colour.hex(), surface.hex()),
                None => format!("no shade of {} reaches {TEXT_CONTRAST}:1 on {}: change the surface colour", t.colour.hex(), surface.hex()),
            };
            out.push(
                Diagnostic::error(
                    Code::Contrast,
                    format!("{} text {} does not stand out from {} behind it", item.role.as_str(), t.colour.hex(), surface.hex()),
                )
                .measured(measured, format!("≥ {TEXT_CONTRAST}:1"))
                .at(spec.source.as_path(), item.span)
                .hint(hint),
            );
        } else if item.role == Role::Helpline && worst < HELPLINE_CONTRAST {
            out.push(
                Diagnostic::warning(Code::Contrast, "the helpline number should have the strongest contrast")
                    .measured(measured, format!("≥ {HELPLINE_CONTRAST}:1"))
                    .at(spec.source.as_path(), item.span),
            );
        }
    }
}

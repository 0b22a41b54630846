//! `contrast` for the logo: a logo the same colour as what is behind it disappears. Graphics
//! need 3:1 against their surroundings (WCAG 2.x, non-text contrast); the logo passes when most
//! of its visible pixels reach that against the surface it sits on.

use crate::layout::scene::surface_under;
use crate::layout::{ItemKind, Role, Scene};
use crate::plan::AssetSpec;
use crate::vocab::{Code, Diagnostic};

/// Below this share of its visible pixels standing out, a logo cannot be made out.
const VISIBLE_SHARE: f64 = 0.5;

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    for (idx, item) in scene.items.iter().enumerate() {
        let ItemKind::Image(img) = &item.kind else { continue };
        if item.role != Role::Logo {
            continue;
        }
        let surface = surface_under(&scene.items[..idx], scene.background, img.rect);
        // Visible pixels: those more than half opaque, as drawn on the surface.
        let Some(share) = img.bitmap.stand_out_share(&surface) else { continue };
        if share < VISIBLE_SHARE {
            out.push(
                Diagnostic::error(Code::Contrast, format!("the logo disappears into the {} behind it", surface.hex()))
                    .measured(format!("{:.0}% of its pixels at ≥ 3:1", share * 100.0), format!("≥ {:.0}%", VISIBLE_SHARE * 100.0))
                    .at(spec.source.as_path(), item.span)
                    .hint("give a logo version in a colour that stands out from brand.background (e.g. a white or a dark version)"),
            );
        }
    }
}

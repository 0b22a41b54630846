//! What is chosen from the pixels under an item, decided on the finished scene — after a
//! right-to-left asset's mirror, where every item finally is: the colour and scrim of the copy
//! set on a photograph, and the version of the logo that stands out from its surface.
//!
//! Why after the mirror: the photo layout's photograph fills the bleed box and stays put while
//! the lines move to the other side, and a top-left logo becomes a top-right one over something
//! else; judged at left-to-right positions, a mirrored poster's colour would be chosen on pixels
//! its text is not on. A left-to-right asset is not mirrored, so it gets exactly what it got
//! when these were decided while the scene was being built.

use super::photo;
use super::scene::{ItemKind, Role, Scene, surface_under};
use crate::plan::Logo;
use crate::vocab::Colour;
use crate::vocab::units::Rect;

/// The copy above `band_y` sits on the photograph: one colour for it, and the scrim its lines
/// need (painted into the photo's pixels, which every backend draws and preflight measures),
/// chosen on the pixels behind its lines (`photo::text_on_photo`).
pub(super) fn copy_on_photo(scene: &mut Scene, band_y: f32, brand: Colour, near_black: Colour, fade_mm: f32) {
    let lines: Vec<Rect> = scene.texts().filter(|(i, _)| i.region.bottom() <= band_y).flat_map(|(_, t)| t.lines.iter().map(|l| l.rect)).collect();
    let Some(ItemKind::Image(img)) = scene.items.iter_mut().find(|i| i.role == Role::Photo).map(|i| &mut i.kind) else { return };
    let (colour, scrim) = photo::text_on_photo(&img.bitmap, img.rect, &lines, brand, near_black, fade_mm);
    if let Some(s) = scrim {
        img.bitmap = s.paint(&img.bitmap, img.rect);
        img.proof = img.proof.take().map(|p| s.paint(&p, img.rect));
    }
    for item in scene.items.iter_mut().filter(|i| i.region.bottom() <= band_y) {
        if let ItemKind::Text(t) = &mut item.kind {
            t.colour = colour;
        }
    }
}

/// The logo's version that stands out from what is painted under it (a light and a dark
/// version: the right one per surface). The logo item is drawn with `logo.bitmap` until here.
pub(super) fn logo_version(scene: &mut Scene, logo: &Logo) {
    let Some(light) = &logo.on_light else { return };
    let Some(at) = scene.items.iter().rposition(|i| i.role == Role::Logo) else { return };
    let (painted, rest) = scene.items.split_at_mut(at);
    let ItemKind::Image(img) = &mut rest[0].kind else { return };
    let surface = surface_under(painted, scene.background, img.rect);
    let share = |b: &crate::vocab::Bitmap| b.stand_out_share(&surface).unwrap_or(0.0);
    if share(light) > share(&logo.bitmap) {
        img.bitmap = light.clone();
    }
}

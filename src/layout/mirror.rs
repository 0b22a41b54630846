//! The mirrored composition of a right-to-left asset: what sits left in English sits right.
//!
//! A separate transform of the finished scene, so every arrangement (today's and any added
//! later) mirrors the same way without knowing about direction. Positions are reflected about
//! the safe area's vertical centre line (platform overlays may make it off-centre, and the copy
//! must stay inside it); what spans the whole trim width (the band) stays. Nothing is drawn
//! mirrored: each text line moves as a whole, so its glyphs keep their shaped order — the
//! helpline digits and the web address stay left-to-right and unbroken — and a left-aligned
//! line becomes a right-aligned one. The QR code and the logo move; they are not flipped.

use super::scene::{ItemKind, Scene, TextBlock};
use crate::vocab::Format;
use crate::vocab::units::Rect;

/// The mirror's axis, as twice the x of the safe area's vertical centre line: a rect at `x`
/// of width `w` lands at `axis - x - w`. Layout decisions made before the mirror that depend on
/// where an item ends up (the helpline's digits against the paper seams) use this same axis.
pub(super) fn axis(safe: Rect) -> f32 {
    safe.x + safe.right()
}

pub(super) fn mirror(scene: &mut Scene, format: &Format) {
    let axis = axis(scene.safe);
    let flip = |r: Rect| Rect::new(axis - r.x - r.w, r.y, r.w, r.h);
    let full_width = |r: &Rect| r.x <= 0.0 && r.right() >= scene.width_mm;
    for item in &mut scene.items {
        if full_width(&item.region) {
            continue;
        }
        item.region = flip(item.region);
        match &mut item.kind {
            ItemKind::Fill { rect, .. } => {
                if !full_width(rect) {
                    *rect = flip(*rect)
                }
            }
            ItemKind::Text(t) => mirror_text(t, &flip),
            ItemKind::Qr(q) => {
                q.rect = flip(q.rect);
                // Pixel formats keep QR modules on the pixel grid (see compose).
                q.rect.x = format.snap_to_px(q.rect.x);
                item.region = q.rect;
            }
            ItemKind::Image(i) => i.rect = flip(i.rect),
        }
    }
}

/// Move each line to its mirrored place, its glyphs with it.
fn mirror_text(t: &mut TextBlock, flip: &impl Fn(Rect) -> Rect) {
    let shifts: Vec<(std::ops::Range<usize>, f32)> = t
        .lines
        .iter_mut()
        .map(|line| {
            let to = flip(line.rect);
            let dx = to.x - line.rect.x;
            line.rect = to;
            (line.text.clone(), dx)
        })
        .collect();
    for g in t.runs.iter_mut().flat_map(|r| r.glyphs.iter_mut()) {
        if let Some((_, dx)) = shifts.iter().find(|(range, _)| range.contains(&g.text.start)) {
            g.x += dx;
        }
    }
    t.bounds = flip(t.bounds);
}

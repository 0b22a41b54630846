//! `photo`: a photograph's effective resolution for its format, and the contrast of every line
//! of text set on it, measured on the pixels behind that line (the scrim included: it is part of
//! the pixels drawn).

use super::rect;
use crate::layout::photo::pixel_box;
use crate::layout::{ItemKind, Role, Scene};
use crate::plan::AssetSpec;
use crate::vocab::colour::TEXT_CONTRAST;
use crate::vocab::photo::contrast_on_pixels;
use crate::vocab::units::MM_PER_INCH;
use crate::vocab::{Code, Diagnostic, Kind};

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    for (idx, item) in scene.items.iter().enumerate() {
        let ItemKind::Image(img) = &item.kind else { continue };
        if item.role != Role::Photo {
            continue;
        }
        resolution(spec, item.span, img, out);
        // Every text line over the photo with nothing opaque between them.
        for (later_idx, later) in scene.items.iter().enumerate().skip(idx + 1) {
            let ItemKind::Text(t) = &later.kind else { continue };
            let mut worst: Option<f64> = None;
            for line in &t.lines {
                let covered = scene.items[idx + 1..later_idx].iter().any(|m| match &m.kind {
                    ItemKind::Fill { rect, .. } => rect.intersects(&line.rect),
                    ItemKind::Qr(q) => q.rect.intersects(&line.rect),
                    _ => false,
                });
                if covered || !img.rect.intersects(&line.rect) {
                    continue;
                }
                if let Some(c) = contrast_on_pixels(&img.bitmap, pixel_box(&img.bitmap, img.rect, line.rect), &t.colour) {
                    worst = Some(worst.map_or(c, |w: f64| w.min(c)));
                }
            }
            if let Some(w) = worst.filter(|w| *w < TEXT_CONTRAST) {
                out.push(
                    Diagnostic::error(
                        Code::Contrast,
                        format!("{} text {} does not stand out from the photograph behind it", later.role.as_str(), t.colour.hex()),
                    )
                    .measured(format!("{w:.2}:1 on the photo's pixels"), format!("≥ {TEXT_CONTRAST}:1"))
                    .at(spec.source.as_path(), later.span)
                    .hint("move the image's focus so a calmer part of the photo is behind the headline, or use layout: split"),
                );
            }
        }
    }
}

/// Print: ppi at full size against max(30, 180 ÷ viewing distance); pixel formats: the crop's
/// pixels against the pixels it fills.
fn resolution(spec: &AssetSpec, span: crate::vocab::Span, img: &crate::layout::scene::ImageItem, out: &mut Vec<Diagnostic>) {
    let Some([sw, _]) = img.source_px else { return };
    let f = &spec.format;
    let (measured, need, unit) = match (f.kind, f.px_per_mm()) {
        (Kind::Print, _) | (_, None) => (sw as f32 / (img.rect.w / MM_PER_INCH), f.min_photo_ppi(), "ppi at full size"),
        (_, Some(k)) => (sw as f32 / (img.rect.w * k) * 100.0, 100.0, "% of the pixels it fills"),
    };
    let d = if measured < need / 2.0 {
        Diagnostic::error(Code::Resolution, format!("the photograph is too coarse for {}: {measured:.0} {unit}", f.id))
    } else if measured < need {
        Diagnostic::warning(Code::Resolution, format!("the photograph will look soft on {}: {measured:.0} {unit}", f.id))
    } else {
        return;
    };
    out.push(
        d.measured(format!("{measured:.0} {unit} over {}", rect(&img.rect)), format!("≥ {need:.0} (an error below {:.0})", need / 2.0))
            .at(spec.source.as_path(), span)
            .hint("give a larger photo (more pixels), or a focus and layout that crop less of it"),
    );
}

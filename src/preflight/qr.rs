//! `qr`: physical size against viewing distance, module size, quiet zone, polarity, error
//! correction, and a decode of the rendered pixels — at the proof's density and at the size a
//! phone camera would see it — that must equal the asset's link exactly.

use super::qr_read;
use crate::layout::Scene;
use crate::plan::AssetSpec;
use crate::qr::{Ec, QUIET_ZONE};
use crate::render::raster::Raster;
use crate::vocab::Kind;
use crate::vocab::units::CSS_PX_PER_MM;
use crate::vocab::{Code, Diagnostic};
use image::GrayImage;

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    let Some(q) = scene.qr() else {
        if spec.qr.is_some() {
            out.push(Diagnostic::error(Code::Qr, "the placement asks for a QR code but the asset has none").at(spec.source.as_path(), spec.placement_span));
        }
        return;
    };
    if spec.qr.is_none() {
        out.push(Diagnostic::error(Code::Qr, "the asset has a QR code its placement does not ask for").at(spec.source.as_path(), spec.placement_span));
        return;
    }
    let span = spec.link.span;
    let f = &spec.format;
    let err = |msg: String| Diagnostic::error(Code::Qr, msg).at(spec.source.as_path(), span);
    if q.link != spec.link.text {
        out.push(err("the QR encodes a different link from the asset's".into()).measured(q.link.clone(), spec.link.text.clone()));
    }
    let symbol = q.symbol_rect();
    match (f.kind, f.viewing_m) {
        (Kind::Print, view) => {
            let need = f.min_qr_symbol_mm();
            if symbol.w < need * 0.995 {
                out.push(
                    err(format!("the QR code is too small to scan from {} m", view.unwrap_or(0.0)))
                        .measured(super::mm(symbol.w), format!("≥ {} (viewing distance ÷ 10, never below 20 mm)", super::mm(need)))
                        .hint(if spec.format.roadside {
                            "leave the QR off roadside placements (qr: off)"
                        } else {
                            "give the QR more room: shorter copy, or a larger format"
                        }),
                );
            }
            if q.module_mm < 0.4 {
                out.push(err("QR modules are too small to print reliably".into()).measured(super::mm(q.module_mm), "≥ 0.4 mm"));
            }
            if q.matrix.ec != Ec::Q {
                out.push(err("print QR codes use error correction Q".into()).measured(format!("{:?}", q.matrix.ec), "Q"));
            }
        }
        _ => {
            let k = f.px_per_mm().unwrap_or(CSS_PX_PER_MM);
            let px = symbol.w * k;
            let need = f.min_qr_symbol_mm() * k;
            if px < need * 0.995 {
                out.push(
                    err("the QR code is smaller than screens and social images need".into())
                        .measured(format!("{px:.0} px"), format!("≥ {need:.0} px (240 per 1080)")),
                );
            }
        }
    }
    // Measured from the tile, the module size and the matrix, not from the constant the
    // symbol rectangle is derived from, so a tile laid out too tight is caught.
    let quiet = (q.rect.w / q.module_mm - q.matrix.size as f32) / 2.0;
    if quiet < QUIET_ZONE as f32 - 0.01 {
        out.push(err("the QR quiet zone is too narrow".into()).measured(format!("{quiet:.1} modules"), "≥ 4 modules"));
    }
    if q.dark.luminance() >= q.light.luminance() || q.dark.contrast(&q.light) < 7.0 {
        out.push(
            err("QR codes must be dark modules on a light ground, strongly contrasted".into())
                .measured(format!("{:.1}:1", q.dark.contrast(&q.light)), "dark on light, ≥ 7:1"),
        );
    }
}

/// Decode the code from the rendered pixels at the raster's density (the content must be the
/// link), then judge it as a phone at the viewing distance sees it (see `qr_read`).
pub fn check_decode(spec: &AssetSpec, scene: &Scene, r: &Raster, out: &mut Vec<Diagnostic>) {
    let Some(q) = scene.qr() else { return };
    let f = &spec.format;
    let span = spec.link.span;
    let err = |msg: String| Diagnostic::error(Code::Qr, msg).at(spec.source.as_path(), span);
    let crop = crop_tile(r, q.rect);
    match qr_read::read(&crop, q.module_mm * r.px_per_mm) {
        Some(got) if got == q.link => {}
        got => {
            out.push(
                err("the QR code in the rendered image does not read back as the link".into())
                    .measured(got.unwrap_or_else(|| "no code found".into()), q.link.clone()),
            );
            return;
        }
    }
    let phone = f.phone_px_per_mm();
    let module_px = q.module_mm * phone;
    let at = f.viewing_m.filter(|_| f.kind != Kind::Social).map(|d| format!(" from {d} m")).unwrap_or_default();
    if module_px < qr_read::MIN_PHONE_PX_PER_MODULE {
        out.push(
            err(format!("the QR code's modules are too small for a phone to scan{at}"))
                .measured(
                    format!("{module_px:.1} px per module as a phone sees it"),
                    format!("≥ {} px per module (≥ {} per module)", qr_read::MIN_PHONE_PX_PER_MODULE, super::mm(qr_read::MIN_PHONE_PX_PER_MODULE / phone)),
                )
                .hint("give the QR more room, or use a shorter link (`contact.short_link`) so it needs fewer modules"),
        );
        return;
    }
    // The raster is never coarser than the phone's view on print (proofs are 20 px per mm);
    // where it is (social, shown at its own pixels) the view is the raster itself.
    let k = (phone / r.px_per_mm).min(1.0);
    let view = qr_read::phone_view(&crop, k);
    // The size was judged above at the phone's density; here only whether those pixels read.
    if qr_read::read(&view, q.module_mm * r.px_per_mm * k).as_deref() != Some(q.link.as_str()) {
        out.push(
            err(format!("the QR code would not scan{at} as a phone sees it"))
                .measured(format!("no read at {module_px:.1} px per module"), "decodes to the link"),
        );
    }
}

/// The QR tile (quiet zone included) plus a little surround, as grey pixels.
fn crop_tile(r: &Raster, rect: crate::vocab::units::Rect) -> GrayImage {
    let s = r.px_per_mm;
    let pad = rect.w * 0.05;
    let x0 = ((rect.x - pad) * s).floor().max(0.0) as u32;
    let y0 = ((rect.y - pad) * s).floor().max(0.0) as u32;
    let x1 = (((rect.right() + pad) * s).ceil() as u32).min(r.width);
    let y1 = (((rect.bottom() + pad) * s).ceil() as u32).min(r.height);
    let mut g = GrayImage::new(x1.saturating_sub(x0).max(1), y1.saturating_sub(y0).max(1));
    for y in y0..y1 {
        for x in x0..x1 {
            let i = ((y * r.width + x) * 3) as usize;
            let (red, green, blue) = (r.rgb[i] as u32, r.rgb[i + 1] as u32, r.rgb[i + 2] as u32);
            g.put_pixel(x - x0, y - y0, image::Luma([((red * 299 + green * 587 + blue * 114) / 1000) as u8]));
        }
    }
    g
}

//! `qr`: physical size against viewing distance, module size, quiet zone, polarity, error
//! correction, and a decode of the rendered pixels — at the proof's density and at the size a
//! phone camera would see it — that must equal the asset's link exactly.

use crate::layout::Scene;
use crate::plan::AssetSpec;
use crate::qr::{Ec, QUIET_ZONE};
use crate::render::raster::Raster;
use crate::vocab::Kind;
use crate::vocab::units::CSS_PX_PER_MM;
use crate::vocab::{Code, Diagnostic};
use image::{GrayImage, imageops};

/// Phone camera model for the "as a phone sees it" decode: 3,000 px across a 70° field of view
/// (a 12 MP main camera resolves ~4,000; scanning apps often use a video stream).
const PHONE_PX: f32 = 3000.0;
const PHONE_FOV_TAN_HALF: f32 = 0.7; // tan(35°)

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

/// Decode the code from the rendered pixels, at the raster's density and as a phone sees it.
pub fn check_decode(spec: &AssetSpec, scene: &Scene, r: &Raster, out: &mut Vec<Diagnostic>) {
    let Some(q) = scene.qr() else { return };
    let f = &spec.format;
    let span = spec.link.span;
    let err = |msg: String| Diagnostic::error(Code::Qr, msg).at(spec.source.as_path(), span);
    let crop = crop_tile(r, q.rect);
    match decode_modules(&crop, q.module_mm * r.px_per_mm) {
        Some(got) if got == q.link => {}
        got => out.push(
            err("the QR code in the rendered image does not read back as the link".into())
                .measured(got.unwrap_or_else(|| "no code found".into()), q.link.clone()),
        ),
    }
    // As a phone sees it: print at the viewing distance; screens and social at the size a
    // phone shows them (social: 1080 device px wide, a full-width feed image).
    let phone_px_per_mm = match (f.kind, f.viewing_m, f.display_mm) {
        (Kind::Print, Some(d), _) => PHONE_PX / (2.0 * d * 1000.0 * PHONE_FOV_TAN_HALF),
        (Kind::Screen, Some(d), Some((dw, _))) => PHONE_PX / (2.0 * d * 1000.0 * PHONE_FOV_TAN_HALF) * dw / f.width_mm,
        _ => 1080.0 / f.width_mm,
    };
    let k = (phone_px_per_mm / r.px_per_mm).min(1.0);
    if k < 0.999 {
        let (w, h) = (((crop.width() as f32) * k).round().max(1.0) as u32, ((crop.height() as f32) * k).round().max(1.0) as u32);
        let small = imageops::resize(&crop, w, h, imageops::FilterType::Triangle);
        if decode_modules(&small, q.module_mm * r.px_per_mm * k).as_deref() != Some(q.link.as_str()) {
            let at = f.viewing_m.map(|d| format!(" from {d} m")).unwrap_or_default();
            out.push(
                err(format!("the QR code would not scan{at} as a phone sees it"))
                    .measured(format!("{:.1} px per module", q.module_mm * phone_px_per_mm), "decodes (≥ ~3 px per module)"),
            );
        }
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

/// rqrr finds grids less reliably than phone decoders when modules straddle pixels (seen: codes
/// zbar reads at 6.2 px per module, rqrr misses). So a miss is retried on the same pixels
/// resampled to a whole number of pixels per module: no information is added, only aligned.
fn decode_modules(img: &GrayImage, module_px: f32) -> Option<String> {
    decode(img).or_else(|| {
        // Under a pixel a module no decoder can read, and upsampling it would ask for
        // gigabytes: no code (a finding), never an allocation that cannot be met.
        if module_px.is_nan() || module_px < 1.0 {
            return None;
        }
        let target = module_px.ceil().max(4.0);
        let k = target / module_px;
        let (w, h) = (((img.width() as f32) * k).round() as u32, ((img.height() as f32) * k).round() as u32);
        if u64::from(w) * u64::from(h) > MAX_DECODE_PX {
            return None;
        }
        decode(&imageops::resize(img, w.max(1), h.max(1), imageops::FilterType::Triangle))
    })
}

/// The largest image the resampled retry decodes (64 MB of grey): far above any code a poster
/// carries at 4 px per module.
const MAX_DECODE_PX: u64 = 64_000_000;

fn decode(img: &GrayImage) -> Option<String> {
    let mut prepared = rqrr::PreparedImage::prepare(img.clone());
    prepared.detect_grids().into_iter().find_map(|g| g.decode().ok().map(|(_, s)| s))
}

//! Preflight: prove each asset legible, scannable and right, from its resolved spec, its scene
//! and (for the QR and the file size) its rendered output, against the format rules in
//! docs/formats.md. Never re-derives layout, never reads the campaign.
//!
//! Every finding has a stable code, the asset, what was measured and what is required, and the
//! campaign location of the field it came from.

mod contrast;
mod copy;
mod fit;
mod legibility;
mod logo;
mod photo;
mod presence;
mod qr;
pub mod qr_read;
mod text;

pub use copy::check_copy;

use crate::layout::Scene;
use crate::plan::AssetSpec;
use crate::render::raster::Raster;
use crate::vocab::diag::Finding;
use crate::vocab::{Code, Diagnostic, Severity};

/// Checks that read the spec and the scene.
pub fn check_scene(spec: &AssetSpec, scene: &Scene) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    legibility::check(spec, scene, &mut out);
    contrast::check(spec, scene, &mut out);
    logo::check(spec, scene, &mut out);
    photo::check(spec, scene, &mut out);
    qr::check(spec, scene, &mut out);
    fit::check(spec, scene, &mut out);
    presence::check(spec, scene, &mut out);
    text::check_alt(spec, &mut out);
    located(spec, out)
}

/// Checks that read the rendered pixels: the QR decoded at the raster's density and as a phone
/// sees it; the required texts inked where the scene puts them.
pub fn check_pixels(spec: &AssetSpec, scene: &Scene, raster: &Raster) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    qr::check_decode(spec, scene, raster, &mut out);
    presence::check_pixels(spec, scene, raster, &mut out);
    located(spec, out)
}

/// The encoded file against the platform's size limit.
pub fn check_file(spec: &AssetSpec, file_bytes: u64) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    text::check_file_size(spec, file_bytes, &mut out);
    located(spec, out)
}

fn located(spec: &AssetSpec, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut out {
        if d.asset.is_none() {
            d.asset = Some(spec.key.clone());
        }
        if d.file.is_none() {
            d.file = Some(spec.source.to_path_buf());
        }
    }
    out
}

/// A rendered-output finding read back from the cache, located again in the current campaign
/// file (lines may have moved since it was stored).
pub fn relocate(spec: &AssetSpec, f: &Finding) -> Diagnostic {
    let span = match f.code {
        Code::Qr => Some(spec.link.span),
        Code::FileSize => Some(spec.format_span),
        _ => None,
    };
    let mut d = if f.severity == Severity::Error { Diagnostic::error(f.code, f.message.clone()) } else { Diagnostic::warning(f.code, f.message.clone()) };
    d = match span {
        Some(span) => d.at(spec.source.as_path(), span),
        None => d.in_file(spec.source.as_path()),
    }
    .for_asset(&spec.key);
    d.measured = f.measured.clone();
    d.required = f.required.clone();
    d
}

/// Merge layout's findings with preflight's, dropping a preflight finding that repeats a
/// layout one of the same code for the same asset (layout knows why; preflight only sees it).
pub fn merge(layout: Vec<Diagnostic>, preflight: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let keep: Vec<Diagnostic> =
        preflight.into_iter().filter(|d| !layout.iter().any(|l| l.code == d.code && l.asset == d.asset && l.is_error() == d.is_error())).collect();
    let mut out = layout;
    out.extend(keep);
    out
}

pub(crate) fn mm(v: f32) -> String {
    format!("{v:.1} mm")
}

/// Float tolerance in scene mm for "inside" tests (`fit`, `presence`).
const EPS: f32 = 0.05;

/// How far `r` reaches outside `c`, in mm (the largest of the four sides).
fn overflow(r: &crate::vocab::units::Rect, c: &crate::vocab::units::Rect) -> f32 {
    [c.x - r.x, c.y - r.y, r.right() - c.right(), r.bottom() - c.bottom()].into_iter().fold(0.0, f32::max)
}

/// A rectangle in a finding: position and size in scene mm.
fn rect(r: &crate::vocab::units::Rect) -> String {
    format!("{:.1},{:.1} {:.1}×{:.1} mm", r.x, r.y, r.w, r.h)
}

//! Preflight: prove each asset legible, scannable and right, from its scene (and, for the QR,
//! its rendered pixels), against the rules of `shared/formats.md`. Never re-derives layout.
//!
//! Every finding has a stable code, the asset, what was measured and what is required, and the
//! campaign location of the field it came from.

mod contrast;
mod fit;
mod legibility;
mod presence;
mod qr;
mod text;

use crate::campaign::Campaign;
use crate::diag::Diagnostic;
use crate::layout::Scene;
use crate::plan::AssetSpec;
use crate::render::raster::Raster;

/// Checks that read the scene (and the alt text written with it).
pub fn check_scene(c: &Campaign, spec: &AssetSpec, scene: &Scene, alt: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    legibility::check(c, spec, scene, &mut out);
    contrast::check(c, spec, scene, &mut out);
    qr::check(c, spec, scene, &mut out);
    fit::check(c, spec, scene, &mut out);
    presence::check(c, spec, scene, &mut out);
    text::check_alt(c, spec, alt, &mut out);
    located(c, spec, out)
}

/// Checks that read the rendered pixels: the QR decoded at the raster's density and as a phone
/// sees it.
pub fn check_pixels(c: &Campaign, spec: &AssetSpec, scene: &Scene, raster: &Raster) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    qr::check_decode(c, spec, scene, raster, &mut out);
    located(c, spec, out)
}

/// The encoded file against the platform's size limit.
pub fn check_file(c: &Campaign, spec: &AssetSpec, file_bytes: u64) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    text::check_file_size(c, spec, Some(file_bytes), &mut out);
    located(c, spec, out)
}

fn located(c: &Campaign, spec: &AssetSpec, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut out {
        if d.asset.is_none() {
            d.asset = Some(spec.key.clone());
        }
        if d.file.is_none() {
            d.file = Some(c.file.clone());
        }
    }
    out
}

/// A rendered-output finding read back from the cache, located again in the current campaign
/// file (lines may have moved since it was stored).
pub fn relocate(c: &Campaign, spec: &AssetSpec, f: &crate::output::manifest::Finding) -> Diagnostic {
    let code = crate::diag::intern_code(&f.code);
    let span = match code {
        "qr" => Some(c.contact.link.span),
        "file-size" => Some(c.placements[spec.placement].format.span),
        _ => None,
    };
    let mut d = if f.severity == crate::diag::Severity::Error { Diagnostic::error(code, f.message.clone()) } else { Diagnostic::warning(code, f.message.clone()) };
    d = match span {
        Some(span) => d.at(&c.file, span),
        None => d.in_file(&c.file),
    }
    .for_asset(&spec.key);
    d.measured = f.measured.clone();
    d.required = f.required.clone();
    d
}

/// Merge layout's findings with preflight's, dropping a preflight finding that repeats a
/// layout one of the same code for the same asset (layout knows why; preflight only sees it).
pub fn merge(layout: Vec<Diagnostic>, preflight: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let keep: Vec<Diagnostic> = preflight
        .into_iter()
        .filter(|d| !layout.iter().any(|l| l.code == d.code && l.asset == d.asset && l.is_error() == d.is_error()))
        .collect();
    let mut out = layout;
    out.extend(keep);
    out
}

pub(crate) fn mm(v: f32) -> String {
    format!("{v:.1} mm")
}

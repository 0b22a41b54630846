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

/// What preflight may look at besides the scene.
pub struct Evidence<'a> {
    /// The rendered raster (proof or social image), for the QR decode.
    pub raster: Option<&'a Raster>,
    /// Alt text written for the asset (social and screen).
    pub alt: Option<&'a str>,
    /// Size of the main output file, for platform limits.
    pub file_bytes: Option<u64>,
}

pub fn check(c: &Campaign, spec: &AssetSpec, scene: &Scene, ev: &Evidence) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    legibility::check(c, spec, scene, &mut out);
    contrast::check(c, spec, scene, &mut out);
    qr::check(c, spec, scene, ev.raster, &mut out);
    fit::check(c, spec, scene, &mut out);
    presence::check(c, spec, scene, &mut out);
    text::check_alt(c, spec, ev.alt, &mut out);
    text::check_file_size(c, spec, ev.file_bytes, &mut out);
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

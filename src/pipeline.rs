//! The whole run for one campaign: plan → layout → render → (checked) → files.
//! Assets are laid out and rendered in parallel; results are collected in plan order, so the
//! output is the same whatever the thread count.

use crate::campaign::{Campaign, FileType, Kind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::FontKit;
use crate::layout::{self, Scene};
use crate::output::{alt, manifest, OutFile};
use crate::plan::{self, AssetSpec, Selection};
use crate::render::raster::{self, PngLevel};
use rayon::prelude::*;

/// Proof density: 20 px per mm of supplied artwork, capped so the long side stays ≤ 4,000 px.
pub const PROOF_PX_PER_SUPPLIED_MM: f32 = 20.0;
pub const PROOF_MAX_PX: f32 = 4000.0;

pub struct Asset {
    pub spec: AssetSpec,
    pub scene: Scene,
    pub files: Vec<OutFile>,
    pub entry: manifest::Entry,
    pub diags: Vec<Diagnostic>,
}

/// Pixel size of an asset's main raster (social/screen image, or print proof).
pub fn raster_size(spec: &AssetSpec) -> (u32, u32) {
    let f = &spec.format;
    if let Some(px) = f.px {
        return px;
    }
    let (w, h) = (f.width_mm * f.scale, f.height_mm * f.scale);
    let d = PROOF_PX_PER_SUPPLIED_MM.min(PROOF_MAX_PX / w.max(h));
    ((w * d).round().max(1.0) as u32, (h * d).round().max(1.0) as u32)
}

/// Lay out every selected asset (no pixels).
pub fn layout_all(c: &Campaign, sel: &Selection) -> Vec<(AssetSpec, Scene, Vec<Diagnostic>)> {
    let specs = plan::plan(c, sel);
    specs
        .into_par_iter()
        .map_init(|| FontKit::new(&c.brand.headline_font, &c.brand.body_font), |kit, spec| {
            let (scene, d) = layout::layout(c, &spec, kit);
            (spec, scene, d)
        })
        .collect()
}

/// Lay out and render every selected asset into memory.
/// `tick` is called once per finished asset (progress display).
pub fn render_all(c: &Campaign, sel: &Selection, tick: &(dyn Fn() + Sync)) -> Vec<Asset> {
    layout_all(c, sel)
        .into_par_iter()
        .map(|(spec, scene, diags)| {
            let a = render_one(c, spec, scene, diags);
            tick();
            a
        })
        .collect()
}

fn render_one(c: &Campaign, spec: AssetSpec, scene: Scene, mut diags: Vec<Diagnostic>) -> Asset {
    let f = &spec.format;
    let (w, h) = raster_size(&spec);
    let r = raster::render(&scene, w, h);
    let mut files = Vec::new();
    let (path, proof, alt_text) = match f.kind {
        Kind::Print => {
            // px per metre of the supplied (scaled) artwork.
            let ppm = (w as f32 / (f.width_mm * f.scale / 1000.0)).round() as u32;
            let bytes = raster::encode_png(&r.rgb, w, h, ppm, PngLevel::Fast);
            let rel = format!("{}_proof.png", spec.stem);
            files.push(OutFile { rel: rel.clone(), bytes });
            // The profile was checked when the campaign loaded; read per asset for now (lead: load once).
            let profile = c.print.output_profile.as_ref().map(|p| std::fs::read(p).map(|b| (p.clone(), b)).map_err(|e| format!("cannot read {}: {e}", p.display())));
            let opts = profile.transpose().map(|output_profile| crate::render::pdf::PdfOptions { scale: f.scale, crop_marks: c.print.crop_marks, output_profile, title: spec.key.clone() });
            match opts.and_then(|o| crate::render::pdf::render(&scene, &o)) {
                Ok(bytes) => files.push(OutFile { rel: format!("{}_{}.pdf", spec.stem, crate::render::pdf::file_suffix(f.scale)), bytes }),
                Err(e) => diags.push(match e.split_once("; hint: ") {
                    Some((m, h)) => Diagnostic::error("pdf", m).hint(h),
                    None => Diagnostic::error("pdf", e),
                }),
            }
            (rel.clone(), Some(rel), None)
        }
        Kind::Social | Kind::Screen => {
            let rel = format!("{}.{}", spec.stem, f.file.ext());
            let bytes = match f.file {
                FileType::Png => raster::encode_png(&r.rgb, w, h, 3780, PngLevel::Balanced),
                FileType::Jpeg => raster::encode_jpeg(&r.rgb, w, h, 72, f.max_bytes),
            };
            files.push(OutFile { rel: rel.clone(), bytes });
            let text = alt::alt_text(c, &spec);
            files.push(OutFile { rel: format!("{}.alt.txt", spec.stem), bytes: format!("{text}\n").into_bytes() });
            (rel, None, Some(text))
        }
    };
    let sha = manifest::sha256_hex(&files[0].bytes);
    let entry = manifest::Entry {
        path,
        kind: f.kind.as_str(),
        format: f.id.clone(),
        message: c.messages[spec.message].id.value.clone(),
        language: spec.language.clone(),
        width_px: w,
        height_px: h,
        qr: spec.link.is_some(),
        link: spec.link.clone(),
        proof,
        alt: alt_text,
        weeks: spec.weeks.clone(),
        sha256: sha,
    };
    Asset { spec, scene, files, entry, diags }
}

/// All findings of a set of assets, in plan order.
pub fn findings(assets: &[Asset]) -> Diagnostics {
    Diagnostics(assets.iter().flat_map(|a| a.diags.iter().cloned()).collect())
}

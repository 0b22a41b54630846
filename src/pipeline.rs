//! The whole run for one campaign: plan → layout → (cache) → render → preflight → files.
//! Assets are laid out and rendered in parallel; results are collected in plan order, so the
//! output is the same whatever the thread count.

use crate::cache::{Cache, CacheEntry, CachedFile};
use crate::campaign::{Campaign, FileType, Kind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::FontKit;
use crate::layout::{self, Scene};
use crate::output::{alt, manifest, OutFile};
use crate::plan::{self, AssetSpec, Selection};
use crate::preflight;
use crate::render::pdf;
use crate::render::raster::{self, PngLevel};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Proof density: 20 px per mm of supplied artwork, capped so the long side stays ≤ 4,000 px.
pub const PROOF_PX_PER_SUPPLIED_MM: f32 = 20.0;
pub const PROOF_MAX_PX: f32 = 4000.0;

pub struct Asset {
    pub spec: AssetSpec,
    /// Files to write: empty when the asset was unchanged and its files are already on disk,
    /// or when they were staged (`staged`).
    pub files: Vec<OutFile>,
    /// Files already written to the staging folder, to move into place.
    pub staged: Vec<String>,
    pub diags: Vec<Diagnostic>,
    /// Served from the cache: nothing rendered, nothing to write.
    pub unchanged: bool,
    /// What the cache keeps of the asset: its key, every file it owns (fresh or cached) with
    /// hashes, its manifest entry (findings current), and its rendered-output findings.
    pub record: CacheEntry,
}

/// Where the time of a run went, summed over worker threads (`--timings`).
#[derive(Default)]
pub struct Timings {
    nanos: [AtomicU64; STAGES.len()],
}

pub const STAGES: [&str; 7] = ["load", "layout", "raster", "encode", "pdf", "preflight", "write"];

impl Timings {
    pub fn time<T>(&self, stage: &str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        self.add(stage, t.elapsed());
        r
    }
    pub fn add(&self, stage: &str, d: std::time::Duration) {
        let i = STAGES.iter().position(|s| *s == stage).expect("known stage");
        self.nanos[i].fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }
    pub fn report(&self) -> Vec<(&'static str, f64)> {
        STAGES.iter().zip(&self.nanos).map(|(s, n)| (*s, n.load(Ordering::Relaxed) as f64 / 1e6)).collect()
    }
}

pub struct Options<'a> {
    /// `None`: render everything (`--force`, or `check`).
    pub cache: Option<&'a Cache>,
    /// Where finished files go at once (render); `None` keeps them in memory (check, tests).
    pub staging: Option<&'a crate::output::Staging>,
    pub timings: &'a Timings,
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

/// The asset's main file, relative to the campaign's output folder: the print PDF, named for
/// its supply scale (`…_10pct.pdf`), or the social/screen image.
pub fn main_file(spec: &AssetSpec) -> String {
    match spec.format.kind {
        Kind::Print => format!("{}_{}.pdf", spec.stem, pdf::file_suffix(spec.format.scale)),
        _ => format!("{}.{}", spec.stem, spec.format.file.ext()),
    }
}

/// The PNG proof of a print asset.
pub fn proof_file(spec: &AssetSpec) -> String {
    format!("{}_proof.png", spec.stem)
}

/// Lay out every selected asset (no pixels).
pub fn layout_all(c: &Campaign, sel: &Selection) -> Vec<(AssetSpec, Scene, Vec<Diagnostic>)> {
    layout_specs(c, plan::plan(c, sel))
}

/// Lay out these planned assets, in parallel, results in plan order.
pub fn layout_specs(c: &Campaign, specs: Vec<AssetSpec>) -> Vec<(AssetSpec, Scene, Vec<Diagnostic>)> {
    specs
        .into_par_iter()
        .map_init(|| FontKit::new(&c.brand.headline_font, &c.brand.body_font), |kit, spec| {
            let (scene, d) = layout::layout(c, &spec, kit);
            (spec, scene, d)
        })
        .collect()
}

/// Lay out, check and render the planned assets; `tick` is called once per finished asset
/// (progress display).
pub fn render_all(c: &Campaign, specs: &[AssetSpec], opts: &Options, tick: &(dyn Fn() + Sync)) -> Vec<Asset> {
    let t = Instant::now();
    let laid = layout_specs(c, specs.to_vec());
    opts.timings.add("layout", t.elapsed());
    laid.into_par_iter()
        .map(|(spec, scene, diags)| {
            let a = render_one(c, spec, scene, diags, opts);
            tick();
            a
        })
        .collect()
}

fn render_one(c: &Campaign, spec: AssetSpec, scene: Scene, layout_diags: Vec<Diagnostic>, opts: &Options) -> Asset {
    let tm = opts.timings;
    let f = &spec.format;
    let (w, h) = raster_size(&spec);
    let alt_text = (f.kind != Kind::Print).then(|| alt::alt_text(c, &spec));
    let mut main = main_file(&spec);

    let key = crate::cache::asset_key(c, &spec, &scene, &main, alt_text.as_deref(), (w, h));

    let scene_findings = tm.time("preflight", || preflight::check_scene(c, &spec, &scene, alt_text.as_deref()));
    if let Some(hit) = opts.cache.and_then(|cache| cache.lookup(&spec.key, &key)) {
        let rendered: Vec<Diagnostic> = hit.pixel_findings.iter().map(|x| preflight::relocate(c, &spec, x)).collect();
        let diags = preflight::merge(layout_diags, [scene_findings, rendered].concat());
        let mut record = hit;
        record.entry.findings = diags.iter().map(manifest::Finding::from).collect();
        return Asset { spec, files: vec![], staged: vec![], diags, unchanged: true, record };
    }

    let pdf_opts = (f.kind == Kind::Print).then(|| pdf::PdfOptions {
        scale: f.scale,
        crop_marks: c.print.crop_marks,
        output_profile: c.print.output_profile.as_ref().map(|(p, b)| (p.clone(), b.to_vec())),
        title: format!("{} — {}", c.name, spec.key),
    });
    let r = tm.time("raster", || raster::render(&scene, w, h));
    // Encoding, the PDF and the QR decode all only read the scene or the pixels: side by side.
    let (image_bytes, (pixel_findings, pdf)) = rayon::join(
        || {
            tm.time("encode", || match (f.kind, f.file) {
                // Proofs are big and for looking at: speed over bytes. px per metre of the
                // supplied (scaled) artwork goes in pHYs.
                (Kind::Print, _) => raster::encode_png(&r.rgb, w, h, (w as f32 / (f.width_mm * f.scale / 1000.0)).round() as u32, PngLevel::Fast),
                (_, FileType::Png) => raster::encode_png(&r.rgb, w, h, 3780, PngLevel::Balanced),
                (_, FileType::Jpeg) => raster::encode_jpeg(&r.rgb, w, h, 72, f.max_bytes),
            })
        },
        || {
            rayon::join(
                || tm.time("preflight", || preflight::check_pixels(c, &spec, &scene, &r)),
                || pdf_opts.map(|o| tm.time("pdf", || pdf::render(&scene, &o))),
            )
        },
    );
    let mut rendered = pixel_findings;
    let mut files = Vec::new();
    let proof = match (f.kind, pdf) {
        (Kind::Print, Some(Ok(pdf_bytes))) => {
            files.push(OutFile { rel: main.clone(), bytes: pdf_bytes });
            files.push(OutFile { rel: proof_file(&spec), bytes: image_bytes });
            Some(proof_file(&spec))
        }
        (Kind::Print, pdf) => {
            let e = pdf.and_then(Result::err).unwrap_or_default();
            rendered.push(Diagnostic::error("pdf", format!("cannot write the print PDF: {e}")).for_asset(&spec.key).in_file(&c.file));
            // No PDF: the manifest must not name one (the proof is all there is).
            main = proof_file(&spec);
            files.push(OutFile { rel: main.clone(), bytes: image_bytes });
            Some(main.clone())
        }
        _ => {
            files.push(OutFile { rel: main.clone(), bytes: image_bytes });
            let text = alt_text.clone().unwrap_or_default();
            files.push(OutFile { rel: format!("{}.alt.txt", spec.stem), bytes: format!("{text}\n").into_bytes() });
            None
        }
    };
    rendered.extend(preflight::check_file(c, &spec, files[0].bytes.len() as u64));
    drop(r);
    let owned: Vec<CachedFile> = files.iter().map(|x| CachedFile { rel: x.rel.clone(), sha256: manifest::sha256_hex(&x.bytes) }).collect();
    let pixel_findings: Vec<manifest::Finding> = rendered.iter().map(manifest::Finding::from).collect();
    let diags = preflight::merge(layout_diags, [scene_findings, rendered].concat());
    let entry = manifest::Entry {
        path: main,
        kind: f.kind.as_str().to_string(),
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
        sha256: owned[0].sha256.clone(),
        findings: diags.iter().map(manifest::Finding::from).collect(),
    };
    let record = CacheEntry { key, files: owned, entry, pixel_findings };
    let mut asset = Asset { spec, files, staged: vec![], diags, unchanged: false, record };
    if let Some(st) = opts.staging {
        match asset.files.iter().try_for_each(|f| st.put(f)) {
            Ok(()) => asset.staged = std::mem::take(&mut asset.files).into_iter().map(|f| f.rel).collect(),
            Err(e) => asset.diags.push(Diagnostic::error("io", format!("cannot stage the files: {e}")).for_asset(&asset.spec.key)),
        }
    }
    asset
}

/// All findings of a set of assets, in plan order.
pub fn findings(assets: &[Asset]) -> Diagnostics {
    Diagnostics(assets.iter().flat_map(|a| a.diags.iter().cloned()).collect())
}

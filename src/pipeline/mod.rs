//! The whole run for one plan: layout → (cache) → render → preflight → files.
//! Assets are laid out and rendered in parallel; results are collected in plan order, so the
//! output is the same whatever the thread count. [`run`] is the whole transaction the CLI calls.

mod run;
mod timings;

pub use run::{Outcome, Request, Status, Summary, run};
pub use timings::{Stage, Timings};

use crate::cache::{self, Cache, CacheEntry, CachedFile};
use crate::fonts::FontKit;
use crate::layout::{self, Scene, Template};
use crate::output::{OutFile, Staging, manifest};
use crate::plan::AssetSpec;
use crate::preflight;
use crate::render::pdf;
use crate::render::raster::{self, RasterOptions};
use crate::vocab::{Code, Diagnostic, Diagnostics, Kind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// One asset after rendering (or served from the cache).
pub struct Rendered {
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

pub struct Options<'a> {
    /// `None`: render everything (`--force`, or `check`).
    pub cache: Option<&'a Cache>,
    /// Where finished files go at once (render); `None` keeps them in memory (check, tests).
    pub staging: Option<&'a Staging>,
    pub timings: &'a Timings,
}

/// A shaping context per worker thread, rebuilt only when an asset's fonts differ from the
/// last one's.
fn kit_for<'k>(slot: &'k mut Option<FontKit>, spec: &AssetSpec) -> &'k mut FontKit {
    let s = &spec.style;
    let (h, b, hf, bf) = (&s.headline_font, &s.body_font, &s.headline_fallback, &s.body_fallback);
    if !slot.as_ref().is_some_and(|k| k.is_for(h, b, hf, bf)) {
        *slot = Some(FontKit::with_fallback(h, b, hf, bf));
    }
    slot.as_mut().expect("just set")
}

/// Each family's template (`layout::family`). Its type scale: the smallest base size at which
/// each member's copy fits; a member that fits at no size is left out (it is reported; it must
/// not shrink the rest). On a split page with the photo on top, its photo's extra height: the
/// least any member's copy leaves free at that scale (a second pass, over those pages only).
/// `context`: members not being rendered, which still count (only those of a family being
/// rendered are laid out: one poster of one format asks for its format's scale, not all 21).
pub fn templates(specs: &[AssetSpec], context: &[AssetSpec]) -> HashMap<String, Template> {
    let wanted: std::collections::HashSet<String> = specs.iter().map(layout::family).collect();
    let all: Vec<&AssetSpec> = specs.iter().chain(context.iter().filter(|a| wanted.contains(&layout::family(a)))).collect();
    let sizes: Vec<(String, Option<f32>)> =
        all.par_iter().map_init(|| None, |kit, spec| (layout::family(spec), layout::base_size(spec, kit_for(kit, spec)))).collect();
    let mut out: HashMap<String, Template> = HashMap::new();
    for (family, b) in sizes {
        let t = out.entry(family).or_default();
        if let Some(b) = b {
            t.scale = Some(t.scale.map_or(b, |s| s.min(b)));
        }
    }
    let rooms: Vec<(String, Option<f32>)> = all
        .par_iter()
        .map_init(
            || None,
            |kit, spec| {
                let family = layout::family(spec);
                let room = out[&family].scale.and_then(|cap| layout::photo_room(spec, kit_for(kit, spec), cap));
                (family, room)
            },
        )
        .collect();
    for (family, room) in rooms {
        if let (Some(r), Some(t)) = (room, out.get_mut(&family)) {
            t.photo_extra = Some(t.photo_extra.map_or(r, |e| e.min(r)));
        }
    }
    out
}

/// Lay out these planned assets, in parallel, each in its family's type scale; results in
/// plan order.
pub fn layout_all(specs: Vec<AssetSpec>, context: &[AssetSpec]) -> Vec<(AssetSpec, Scene, Vec<Diagnostic>)> {
    let templates = templates(&specs, context);
    specs
        .into_par_iter()
        .map_init(
            || None,
            |kit, spec| {
                let template = templates.get(&layout::family(&spec)).copied().unwrap_or_default();
                let (scene, d) = layout::layout_in_scale(&spec, kit_for(kit, &spec), template);
                (spec, scene, d)
            },
        )
        .collect()
}

/// Lay out, check and render the planned assets; `tick` is called once per finished asset
/// (progress display). The type scales come first (a layout pre-pass without photographs);
/// then each asset is laid out and rendered in one task: no barrier between the stages, so a
/// core that finished its layouts renders while the other still resamples a photograph, and a
/// scene's bitmaps are dropped as soon as its files are made.
///
/// Assets are queued one task each in `work_order` (first in, first out), not split into
/// halves: the work that others wait for (a photo's resample, its print JPEG) starts first,
/// and a worker that waits for it renders queued assets meanwhile (`MadeOnce`), so the cores
/// finish together. Each asset's files depend only on the asset, so the order changes no byte.
pub fn render_all(specs: &[AssetSpec], context: &[AssetSpec], opts: &Options, tick: &(dyn Fn() + Sync)) -> Vec<Rendered> {
    let templates = opts.timings.time(Stage::Layout, || templates(specs, context));
    // Shaping contexts, one per task running at a time: a task that waits may start another
    // asset on the same thread, which then takes a context of its own from here.
    let kits: Mutex<Vec<Option<FontKit>>> = Mutex::new(Vec::new());
    let done: Vec<OnceLock<Rendered>> = specs.iter().map(|_| OnceLock::new()).collect();
    rayon::scope_fifo(|s| {
        for i in work_order(specs) {
            let (kits, done, templates) = (&kits, &done, &templates);
            s.spawn_fifo(move |_| {
                let spec = specs[i].clone();
                let template = templates.get(&layout::family(&spec)).copied().unwrap_or_default();
                let mut kit = kits.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
                let (scene, diags) = opts.timings.time(Stage::Layout, || layout::layout_in_scale(&spec, kit_for(&mut kit, &spec), template));
                kits.lock().unwrap_or_else(|e| e.into_inner()).push(kit);
                let _ = done[i].set(render_one(spec, scene, diags, opts));
                tick();
            });
        }
    });
    done.into_iter().map(|d| d.into_inner().expect("every queued asset was rendered")).collect()
}

/// The order to render in (indices into `specs`): the first member of every family, heaviest
/// first, then the second members, and so on. A family's members share its photo's crops and
/// print JPEG, so the first one makes them while the other core renders other families, and
/// by the time the rest come they wait for nothing; heaviest first leaves small tasks to even
/// out the end (longest processing time first).
fn work_order(specs: &[AssetSpec]) -> Vec<usize> {
    let weight = |a: &AssetSpec| {
        let px = u64::from(a.px.0) * u64::from(a.px.1);
        px * (1 + u64::from(a.pdf.is_some())) * (1 + u64::from(a.photo.is_some()))
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut keyed: Vec<(usize, std::cmp::Reverse<u64>, usize)> = specs
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let n = seen.entry(layout::family(a)).or_default();
            *n += 1;
            (*n, std::cmp::Reverse(weight(a)), i)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

fn render_one(spec: AssetSpec, scene: Scene, layout_diags: Vec<Diagnostic>, opts: &Options) -> Rendered {
    let tm = opts.timings;
    let f = &spec.format;
    let (w, h) = spec.px;
    let key = cache::asset_key(&spec, &scene);

    let scene_findings = tm.time(Stage::Preflight, || preflight::check_scene(&spec, &scene));
    if let Some(hit) = opts.cache.and_then(|cache| cache.lookup(&spec.key, &key)).filter(|hit| cache::matches_spec(hit, &spec)) {
        let rendered: Vec<Diagnostic> = hit.pixel_findings.iter().map(|x| preflight::relocate(&spec, x)).collect();
        let diags = preflight::merge(layout_diags, [scene_findings, rendered].concat());
        let mut record = hit;
        record.entry.findings = diags.iter().map(manifest::Finding::from).collect();
        return Rendered { spec, files: vec![], staged: vec![], diags, unchanged: true, record };
    }

    // The PDF reads only the scene; encoding and the QR decode only the pixels: side by side.
    // The PDF first, on this thread: a photo's print JPEG, which the family's other PDFs wait
    // for, starts at once, while another core may take the raster.
    let (pdf, (r, image_bytes, pixel_findings)) = rayon::join(
        || spec.pdf.as_ref().map(|o| tm.time(Stage::Pdf, || pdf::render(&scene, o))),
        || {
            let r = tm.time(Stage::Raster, || raster::render(&scene, &RasterOptions { width: w, height: h }));
            let (bytes, findings) = rayon::join(
                || tm.time(Stage::Encode, || raster::encode(&r, &spec.encoding)),
                || tm.time(Stage::Preflight, || preflight::check_pixels(&spec, &scene, &r)),
            );
            (r, bytes, findings)
        },
    );
    let mut rendered = pixel_findings;
    let mut files = Vec::new();
    let mut main = spec.files.main.clone();
    let proof = match (f.kind, pdf, &spec.files.proof) {
        (Kind::Print, Some(Ok(pdf_bytes)), Some(proof)) => {
            files.push(OutFile { rel: main.clone(), bytes: pdf_bytes });
            files.push(OutFile { rel: proof.clone(), bytes: image_bytes });
            Some(proof.clone())
        }
        (Kind::Print, pdf, proof) => {
            let e = pdf.and_then(Result::err).unwrap_or_default();
            rendered.push(Diagnostic::error(Code::Pdf, format!("cannot write the print PDF: {e}")).for_asset(&spec.key).in_file(spec.source.as_path()));
            // No PDF: the manifest must not name one (the proof is all there is).
            main = proof.clone().unwrap_or_else(|| format!("{}_proof.png", spec.files.stem));
            files.push(OutFile { rel: main.clone(), bytes: image_bytes });
            Some(main.clone())
        }
        _ => {
            files.push(OutFile { rel: main.clone(), bytes: image_bytes });
            let text = spec.alt.as_ref().map(|a| a.text.as_str()).unwrap_or_default();
            let rel = spec.files.alt.clone().unwrap_or_else(|| format!("{}.alt.txt", spec.files.stem));
            files.push(OutFile { rel, bytes: format!("{text}\n").into_bytes() });
            None
        }
    };
    rendered.extend(preflight::check_file(&spec, files[0].bytes.len() as u64));
    drop(r);
    let owned: Vec<CachedFile> = files.iter().map(|x| CachedFile { rel: x.rel.clone(), sha256: manifest::sha256_hex(&x.bytes) }).collect();
    let pixel_findings: Vec<manifest::Finding> = rendered.iter().map(manifest::Finding::from).collect();
    let diags = preflight::merge(layout_diags, [scene_findings, rendered].concat());
    let entry = manifest::Entry {
        path: main,
        kind: f.kind.as_str().to_string(),
        format: f.id.clone(),
        message: spec.message.id.clone(),
        language: spec.language.clone(),
        width_px: w,
        height_px: h,
        qr: spec.qr.is_some(),
        link: spec.qr.as_ref().map(|_| spec.link.text.clone()),
        proof,
        alt: spec.alt.as_ref().map(|a| a.text.clone()),
        weeks: spec.weeks.clone(),
        sha256: owned[0].sha256.clone(),
        findings: diags.iter().map(manifest::Finding::from).collect(),
    };
    let record = CacheEntry { key, files: owned, entry, pixel_findings, seal: String::new() };
    let mut asset = Rendered { spec, files, staged: vec![], diags, unchanged: false, record };
    if let Some(st) = opts.staging {
        match asset.files.iter().try_for_each(|f| st.put(f)) {
            Ok(()) => asset.staged = std::mem::take(&mut asset.files).into_iter().map(|f| f.rel).collect(),
            Err(e) => asset.diags.push(Diagnostic::error(Code::Io, format!("cannot stage the files: {e}")).for_asset(&asset.spec.key)),
        }
    }
    asset
}

/// All findings of a set of assets, in plan order.
pub fn findings(assets: &[Rendered]) -> Diagnostics {
    Diagnostics(assets.iter().flat_map(|a| a.diags.iter().cloned()).collect())
}

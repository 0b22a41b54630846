//! The print PDF backend, checked from the outside with the tools a print shop would use:
//! structure (`qpdf --check`, `pdfinfo -box`, `pdffonts`), CMYK only, poppler's rendering
//! against the PNG proof of the same scene, the QR decoded from the rendered page, text
//! extraction, byte-identical reruns, crop marks and bleed, and PDF/X-4.
//!
//! Needs `qpdf` and `poppler-utils` (apt). Scenes come from the bundled campaign through the
//! library, exactly as the pipeline makes them.

use billposter::campaign::{self, Campaign};
use billposter::fonts::FontKit;
use billposter::layout::{self, ItemKind, Role, Scene};
use billposter::plan::{self, AssetSpec, Selection};
use billposter::render::pdf::{self, PdfOptions};
use billposter::render::raster::{self, RasterOptions};
use billposter::vocab::Timestamp;
use billposter::vocab::icc::Profile;
use image::{GrayImage, RgbImage};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::OnceLock;

const PT_PER_MM: f64 = 72.0 / 25.4;
/// Box comparisons: pdfinfo prints two decimals.
const BOX_EPS: f64 = 0.01;

struct Fixture {
    campaign: Campaign,
    assets: Vec<(AssetSpec, Scene)>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("campaigns/stop-it-now-scotland.yaml");
        let (c, _) = campaign::load(&path).unwrap_or_else(|d| panic!("bundled campaign must load: {d:?}"));
        let sel = Selection { only: Some("print".into()), message: None };
        let mut kit = FontKit::new(&c.brand.headline_font, &c.brand.body_font);
        let assets: Vec<_> = plan::plan(&c, &sel, Timestamp::FIXED)
            .assets
            .into_iter()
            .map(|spec| {
                let (scene, _) = layout::layout(&spec, &mut kit);
                (spec, scene)
            })
            .collect();
        assert!(assets.iter().any(|(s, _)| s.format.id == "billboard-48"), "bundled campaign has a 48-sheet");
        assert!(assets.iter().any(|(s, _)| s.format.id == "phone-box"), "bundled campaign has a phone box");
        Fixture { campaign: c, assets }
    })
}

fn print_assets() -> impl Iterator<Item = &'static (AssetSpec, Scene)> {
    fixture().assets.iter()
}

fn first(format: &str) -> &'static (AssetSpec, Scene) {
    print_assets().find(|(s, _)| s.format.id == format).unwrap()
}

fn opts(spec: &AssetSpec, crop_marks: bool) -> PdfOptions {
    PdfOptions { crop_marks, output_profile: None, ..spec.pdf.clone().expect("a print asset has PDF settings") }
}

fn render(spec: &AssetSpec, scene: &Scene, crop_marks: bool) -> Vec<u8> {
    pdf::render(scene, &opts(spec, crop_marks)).unwrap_or_else(|e| panic!("{}: {e}", spec.key))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn file_name(spec: &AssetSpec) -> String {
    format!("{}_{}.pdf", spec.key.replace('/', "_"), billposter::vocab::format::scale_suffix(spec.format.scale))
}

// ---- external tools ----

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    let package = if name == "qpdf" { "qpdf" } else { "poppler-utils" };
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{name}` ({e}): install the `{package}` apt package (apt-get install {package})"))
}

fn tool_ok(name: &str, args: &[&str]) -> String {
    let out = tool(name, args);
    assert!(
        out.status.success(),
        "`{name} {}` failed ({}):\n{}{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// PDF boxes as (left, bottom, right, top) in points, y up.
#[derive(Clone, Copy, Debug)]
struct PdfBox {
    l: f64,
    b: f64,
    r: f64,
    t: f64,
}

impl PdfBox {
    fn w(&self) -> f64 {
        self.r - self.l
    }
    fn h(&self) -> f64 {
        self.t - self.b
    }
    fn contains(&self, o: &PdfBox) -> bool {
        o.l >= self.l - BOX_EPS && o.b >= self.b - BOX_EPS && o.r <= self.r + BOX_EPS && o.t <= self.t + BOX_EPS
    }
    fn same(&self, o: &PdfBox) -> bool {
        [self.l - o.l, self.b - o.b, self.r - o.r, self.t - o.t].iter().all(|d| d.abs() <= BOX_EPS)
    }
}

struct Boxes {
    media: PdfBox,
    bleed: PdfBox,
    trim: PdfBox,
}

fn boxes(pdf: &Path) -> Boxes {
    let info = tool_ok("pdfinfo", &["-box", pdf.to_str().unwrap()]);
    let get = |name: &str| {
        let line = info.lines().find(|l| l.starts_with(&format!("{name}:"))).unwrap_or_else(|| panic!("pdfinfo shows no {name}:\n{info}"));
        let v: Vec<f64> = line.split_whitespace().skip(1).map(|n| n.parse().unwrap()).collect();
        PdfBox { l: v[0], b: v[1], r: v[2], t: v[3] }
    };
    Boxes { media: get("MediaBox"), bleed: get("BleedBox"), trim: get("TrimBox") }
}

/// Page content streams, uncompressed by qpdf (qdf mode marks each page's contents).
fn content_streams(pdf: &Path, dir: &Path) -> (String, Vec<String>) {
    let qdf = dir.join(format!("{}.qdf", pdf.file_name().unwrap().to_string_lossy()));
    tool_ok("qpdf", &["--qdf", "--object-streams=disable", pdf.to_str().unwrap(), qdf.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let mut streams = Vec::new();
    for part in text.split("%% Contents for page").skip(1) {
        let start = part.find("stream\n").expect("content stream") + 7;
        let end = part.find("endstream").expect("content stream end");
        streams.push(part[start..end].to_string());
    }
    assert!(!streams.is_empty(), "no page contents found in qpdf's qdf output");
    (text, streams)
}

/// Does `op` occur as a PDF operator (a whole token) in `content`?
fn has_operator(content: &str, op: &str) -> bool {
    content.split(|c: char| c.is_ascii_whitespace() || "[]<>()/".contains(c)).any(|t| t == op)
}

/// Render part of the page with poppler: `dpi`, then crop `(x, y, w, h)` in pixels from the
/// page's top-left.
fn pdftoppm(pdf: &Path, dpi: u32, crop: Option<(u32, u32, u32, u32)>, extra: &[&str], out: &Path) -> PathBuf {
    let r = dpi.to_string();
    let mut args: Vec<String> = vec!["-png".into(), "-singlefile".into(), "-r".into(), r];
    if let Some((x, y, w, h)) = crop {
        args.extend(["-x".into(), x.to_string(), "-y".into(), y.to_string(), "-W".into(), w.to_string(), "-H".into(), h.to_string()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(pdf.to_str().unwrap().into());
    args.push(out.to_str().unwrap().into());
    tool_ok("pdftoppm", &args.iter().map(String::as_str).collect::<Vec<_>>());
    PathBuf::from(format!("{}.png", out.display()))
}

/// A value in points at `dpi`, which the test expects to land on a whole pixel.
fn px(pt: f64, dpi: u32, what: &str) -> u32 {
    let v = pt * dpi as f64 / 72.0;
    assert!((v - v.round()).abs() < 0.05, "{what} is {v} px at {dpi} dpi: choose a dpi that puts it on whole pixels");
    v.round() as u32
}

// ---- structure ----

#[test]
fn every_print_pdf_is_valid_boxed_subset_and_cmyk_only() {
    let dir = tempfile::tempdir().unwrap();
    for (spec, scene) in print_assets() {
        let f = &spec.format;
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let key = &spec.key;

        let check = tool("qpdf", &["--check", path.to_str().unwrap()]);
        let out = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.code() == Some(0) && out.contains("No syntax or stream encoding errors"),
            "{key}: qpdf --check:\n{out}{}",
            String::from_utf8_lossy(&check.stderr)
        );

        let b = boxes(&path);
        let k = f.scale as f64 * PT_PER_MM;
        let (tw, th, bleed) = (f.width_mm as f64 * k, f.height_mm as f64 * k, f.bleed_mm as f64 * k);
        assert!((b.trim.w() - tw).abs() <= BOX_EPS && (b.trim.h() - th).abs() <= BOX_EPS, "{key}: TrimBox {:?}, expected {tw:.2} × {th:.2} pt", b.trim);
        let want_bleed = PdfBox { l: b.trim.l - bleed, b: b.trim.b - bleed, r: b.trim.r + bleed, t: b.trim.t + bleed };
        assert!(b.bleed.same(&want_bleed), "{key}: BleedBox {:?}, expected the TrimBox plus {bleed:.3} pt each side {want_bleed:?}", b.bleed);
        assert!(b.media.contains(&b.bleed) && b.bleed.contains(&b.trim), "{key}: boxes do not nest: {:?} ⊇ {:?} ⊇ {:?}", b.media, b.bleed, b.trim);
        // Supply sizes from formats.md: a 48-sheet at 10% is 609.6 × 304.8 mm, a phone box at
        // 25% is 300 × 450 mm.
        let want_mm = match f.id.as_str() {
            "billboard-48" => Some((609.6, 304.8)),
            "phone-box" => Some((300.0, 450.0)),
            _ => None,
        };
        if let Some((w, h)) = want_mm {
            assert!((b.trim.w() - w * PT_PER_MM).abs() <= BOX_EPS && (b.trim.h() - h * PT_PER_MM).abs() <= BOX_EPS, "{key}: trim is not {w} × {h} mm");
        }

        let fonts = tool_ok("pdffonts", &[path.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "{key}: no fonts in a PDF with text:\n{fonts}");
        for row in &rows {
            // name type [type…] encoding emb sub uni object-id gen
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(n >= 7 && cols[n - 5] == "yes" && cols[n - 4] == "yes" && cols[n - 3] == "yes", "{key}: font not embedded+subset+ToUnicode: {row}");
            assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{key}: font name lacks a subset tag: {row}");
        }

        let (all, streams) = content_streams(&path, dir.path());
        for s in &streams {
            for op in ["rg", "RG"] {
                assert!(!has_operator(s, op), "{key}: RGB operator `{op}` in the page content");
            }
            assert!(has_operator(s, "k"), "{key}: no DeviceCMYK fill (`k`) in the page content");
        }
        assert!(!all.contains("DeviceRGB") && !all.contains("/CalRGB"), "{key}: an RGB colour space is defined in the file");
    }
}

// ---- poppler vs the PNG proof ----

/// Tolerances for poppler's rendering against the PNG proof. Both draw the same glyphs at the
/// same places; what remains is anti-aliasing, poppler's CMYK→RGB (not the naive formula behind
/// `Colour::srgb`: about 8/255 on the navy, 35/255 on 100 % K), and poppler's glyph rasteriser,
/// which moves text edges by up to about half a pixel.
///
/// Mean absolute difference per channel, 0–255.
const MAX_MEAN_DIFF: f64 = 8.0;
/// Share of pixels with a channel off by more than 64: edge pixels only (measured ~1.2 %).
const MAX_BIG_DIFF: f64 = 0.02;
/// Share of pixels off by more than 64 from *every* proof pixel within one pixel of them.
/// Measured 0.10–0.20 % with real text, ~0.001 % when the same glyphs are drawn as outlines:
/// the rest is poppler's glyph rasteriser (stems and baselines snapped), not our positions,
/// which `text_positions_match_the_scene` checks exactly.
const MAX_MISPLACED: f64 = 0.005;
/// 127 dpi = 5 px per supplied mm: puts the trim and its origin on whole pixels for every
/// bundled format (609.6, 304.8, 300, 450 mm; 9 and 10 mm from the page corner).
const COMPARE_DPI: u32 = 127;

#[test]
fn poppler_rendering_matches_the_png_proof() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (spec, scene) in print_assets() {
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let b = boxes(&path);
        let x = px(b.trim.l - b.media.l, COMPARE_DPI, "trim left");
        let y = px(b.media.t - b.trim.t, COMPARE_DPI, "trim top");
        let (w, h) = (px(b.trim.w(), COMPARE_DPI, "trim width"), px(b.trim.h(), COMPARE_DPI, "trim height"));
        let stem = spec.key.replace('/', "_");
        let png = pdftoppm(&path, COMPARE_DPI, Some((x, y, w, h)), &[], &dir.path().join(format!("{stem}.actual")));
        let actual = image::open(&png).unwrap().to_rgb8();
        assert_eq!(actual.dimensions(), (w, h), "{}: poppler crop size", spec.key);
        let proof = raster::render(scene, &RasterOptions { width: w, height: h });
        let expected = RgbImage::from_raw(w, h, proof.rgb).unwrap();

        let d = compare(&expected, &actual);
        eprintln!(
            "{}: {w}×{h} px at {COMPARE_DPI} dpi: mean |Δ| {:.2}/255 per channel, {:.3}% of pixels off by > 64, {:.4}% misplaced",
            spec.key,
            d.mean,
            d.big * 100.0,
            d.misplaced * 100.0
        );
        if d.mean > MAX_MEAN_DIFF || d.big > MAX_BIG_DIFF || d.misplaced > MAX_MISPLACED {
            expected.save(dir.path().join(format!("{stem}.expected.png"))).unwrap();
            d.image.save(dir.path().join(format!("{stem}.diff.png"))).unwrap();
            failures.push(format!(
                "{}: mean |Δ| {:.2} (max {MAX_MEAN_DIFF}), {:.3}% off by > 64 (max {}%), {:.4}% misplaced (max {}%)",
                spec.key,
                d.mean,
                d.big * 100.0,
                MAX_BIG_DIFF * 100.0,
                d.misplaced * 100.0,
                MAX_MISPLACED * 100.0
            ));
        }
    }
    if !failures.is_empty() {
        let kept = dir.keep();
        panic!("PDF and PNG proof disagree:\n{}\nexpected | diff | actual PNGs are in {}", failures.join("\n"), kept.display());
    }
}

struct Diff {
    mean: f64,
    big: f64,
    misplaced: f64,
    /// |Δ| × 4, so faint differences show; misplaced pixels in magenta.
    image: RgbImage,
}

fn compare(expected: &RgbImage, actual: &RgbImage) -> Diff {
    let (w, h) = expected.dimensions();
    let far = |a: &image::Rgb<u8>, b: &image::Rgb<u8>| (0..3).any(|i| a[i].abs_diff(b[i]) > 64);
    let (mut sum, mut big, mut misplaced) = (0u64, 0u64, 0u64);
    let mut image = RgbImage::new(w, h);
    for (x, y, pa) in actual.enumerate_pixels() {
        let pe = expected.get_pixel(x, y);
        let d = [0, 1, 2].map(|i| pe[i].abs_diff(pa[i]));
        sum += d.iter().map(|v| *v as u64).sum::<u64>();
        if far(pe, pa) {
            big += 1;
            let near = (y.saturating_sub(1)..(y + 2).min(h)).any(|ny| (x.saturating_sub(1)..(x + 2).min(w)).any(|nx| !far(expected.get_pixel(nx, ny), pa)));
            if !near {
                misplaced += 1;
                image.put_pixel(x, y, image::Rgb([255, 0, 255]));
                continue;
            }
        }
        image.put_pixel(x, y, image::Rgb(d.map(|v| v.saturating_mul(4))));
    }
    let n = (w * h) as f64;
    Diff { mean: sum as f64 / (3.0 * n), big: big as f64 / n, misplaced: misplaced as f64 / n, image }
}

// ---- QR ----

#[test]
fn qr_decoded_from_the_rendered_pdf_is_the_tracked_link() {
    let dir = tempfile::tempdir().unwrap();
    let mut decoded = 0;
    for (spec, scene) in print_assets() {
        let Some(q) = scene.qr() else { continue };
        assert!(spec.qr.is_some(), "{}: a QR in the scene, none in the spec", spec.key);
        let link = spec.link.text.as_str();
        assert_eq!(q.link, link, "{}: the scene's QR link", spec.key);
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let b = boxes(&path);
        // At least 6 px per module on the page (rqrr needs ≥ 3 on poppler renders).
        let module_pt = (q.module_mm * spec.format.scale) as f64 * PT_PER_MM;
        let dpi = (6.0 * 72.0 / module_pt).ceil() as u32;
        let k = spec.format.scale as f64 * PT_PER_MM * dpi as f64 / 72.0;
        let (ox, oy) = ((b.trim.l - b.media.l) * dpi as f64 / 72.0, (b.media.t - b.trim.t) * dpi as f64 / 72.0);
        let pad = 2.0 * q.module_mm as f64 * k;
        let x = (ox + q.rect.x as f64 * k - pad).floor() as u32;
        let y = (oy + q.rect.y as f64 * k - pad).floor() as u32;
        let side = (q.rect.w as f64 * k + 2.0 * pad).ceil() as u32;
        let png = pdftoppm(&path, dpi, Some((x, y, side, side)), &["-gray"], &dir.path().join(format!("{}.qr", spec.key.replace('/', "_"))));
        let img: GrayImage = image::open(&png).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        if grids.len() != 1 {
            let kept = dir.keep();
            panic!("{}: expected one QR code, found {} (dpi {dpi}); image kept in {}", spec.key, grids.len(), kept.display());
        }
        let content = match grids[0].decode() {
            Ok((_, content)) => content,
            Err(e) => {
                let kept = dir.keep();
                panic!("{}: QR does not decode ({e:?}); image kept in {}", spec.key, kept.display());
            }
        };
        assert_eq!(content, link, "{}: QR content", spec.key);
        decoded += 1;
    }
    assert!(decoded > 0, "no print asset of the bundled campaign has a QR code; expected the phone boxes to");
}

// ---- text ----

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdftotext_gives_the_copy_back() {
    let dir = tempfile::tempdir().unwrap();
    let c = &fixture().campaign;
    for (spec, scene) in print_assets() {
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let text = words(&tool_ok("pdftotext", &[path.to_str().unwrap(), "-"]));
        let helpline = &c.contact.helpline.value;
        let headline = spec.copy.headline.text.as_str();
        assert!(text.contains(helpline.as_str()), "{}: pdftotext lacks the helpline {helpline:?}:\n{text}", spec.key);
        assert!(text.contains(&words(headline)), "{}: pdftotext lacks the headline {headline:?}:\n{text}", spec.key);
        for (item, block) in scene.texts() {
            assert!(text.contains(&words(&block.text)), "{}: pdftotext lacks the {} {:?}:\n{text}", spec.key, item.role.as_str(), block.text);
        }
    }
}

/// Where pdftotext says each word starts (from the PDF's text positions, no rasterising) equals
/// the scene's pen position of the word's first glyph; and every run sits on its baseline (the
/// word box's top is the same fraction of the font size above the scene baseline everywhere).
#[test]
fn text_positions_match_the_scene() {
    let dir = tempfile::tempdir().unwrap();
    for (spec, scene) in print_assets() {
        let key = &spec.key;
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let b = boxes(&path);
        let k = spec.format.scale as f64 * PT_PER_MM;
        let (ox, oy) = (b.trim.l - b.media.l, b.media.t - b.trim.t);
        let xml = tool_ok("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
        let found: Vec<(String, [f64; 4])> = xml
            .lines()
            .filter_map(|l| {
                let l = l.trim().strip_prefix("<word ")?;
                let attr = |name: &str| -> f64 { l.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap() };
                let text = l.split('>').nth(1)?.split("</word").next()?;
                let text = text.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
                Some((text, [attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")]))
            })
            .collect();
        let mut ascent: Vec<(String, f64)> = Vec::new();
        let mut words = 0;
        for (_, block) in scene.texts() {
            for run in &block.runs {
                // Words of this run: glyphs between whitespace.
                let mut start: Option<usize> = None;
                for i in 0..=run.glyphs.len() {
                    let space = run.glyphs.get(i).is_none_or(|g| block.text[g.text.clone()].trim().is_empty());
                    match (start, space) {
                        (None, false) => start = Some(i),
                        (Some(s), true) => {
                            let gs = &run.glyphs[s..i];
                            let range = gs.iter().map(|g| g.text.start).min().unwrap()..gs.iter().map(|g| g.text.end).max().unwrap();
                            let word = &block.text[range];
                            let x = ox + gs[0].x as f64 * k;
                            let base = oy + gs[0].y as f64 * k;
                            let size = run.size_mm as f64 * k;
                            let hit = found
                                .iter()
                                .filter(|(t, bb)| t == word && bb[1] <= base && base <= bb[3])
                                .min_by(|a, b| (a.1[0] - x).abs().total_cmp(&(b.1[0] - x).abs()));
                            let Some((_, bb)) = hit else { panic!("{key}: pdftotext has no word {word:?} on the baseline at {base:.2} pt:\n{xml}") };
                            assert!((bb[0] - x).abs() < 0.02, "{key}: {word:?} starts at {:.3} pt in the PDF, {x:.3} pt in the scene", bb[0]);
                            let font = run.font.path.display().to_string();
                            let a = (base - bb[1]) / size;
                            match ascent.iter().find(|(f, _)| *f == font) {
                                Some((_, a0)) => assert!((a - a0).abs() < 1e-3, "{key}: {word:?} sits {:.3} pt off its baseline", (a - a0) * size),
                                None => ascent.push((font, a)),
                            }
                            words += 1;
                            start = None;
                        }
                        _ => {}
                    }
                }
            }
        }
        assert!(words > 10, "{key}: only {words} words checked");
    }
}

// ---- determinism ----

#[test]
fn two_renders_are_byte_identical() {
    for (spec, scene) in print_assets() {
        let a = render(spec, scene, true);
        let b = render(spec, scene, true);
        assert!(a == b, "{}: two renders differ ({} vs {} bytes)", spec.key, a.len(), b.len());
    }
}

// ---- crop marks and bleed ----

#[test]
fn crop_marks_off_makes_the_media_box_the_bleed_box() {
    let dir = tempfile::tempdir().unwrap();
    for (spec, scene) in [first("billboard-48"), first("phone-box")] {
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, false));
        let b = boxes(&path);
        assert!(b.media.same(&b.bleed), "{}: without marks MediaBox {:?} should equal BleedBox {:?}", spec.key, b.media, b.bleed);
        let (_, streams) = content_streams(&path, dir.path());
        assert!(!streams.iter().any(|s| has_operator(s, "S")), "{}: something is stroked with crop marks off", spec.key);
    }
}

/// Marks: 6 mm long, 0.25 pt, registration colour, continuing the trim lines, starting at least
/// the bleed away from the trim corner, all outside the BleedBox and inside the MediaBox.
#[test]
fn crop_marks_sit_outside_the_bleed_in_registration_colour() {
    let dir = tempfile::tempdir().unwrap();
    for (spec, scene) in [first("billboard-48"), first("phone-box")] {
        let key = &spec.key;
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let b = boxes(&path);
        let (all, streams) = content_streams(&path, dir.path());
        assert!(all.contains("/Separation") && all.contains("/All"), "{key}: no Separation /All colour space for the marks");
        let s = streams.join("\n");
        assert!(s.contains("0.25 w"), "{key}: marks are not 0.25 pt");

        // Find the marks in pixels: 10 px/mm (254 dpi), thin lines forced solid.
        let dpi = 254;
        let png = pdftoppm(&path, dpi, None, &["-gray", "-thinlinemode", "solid"], &dir.path().join(format!("{}.page", key.replace('/', "_"))));
        let img = image::open(&png).unwrap().to_luma8();
        let to_px = |pt: f64| pt * dpi as f64 / 72.0;
        let (bl, br) = (to_px(b.bleed.l - b.media.l), to_px(b.bleed.r - b.media.l));
        let (bt, bb) = (to_px(b.media.t - b.bleed.t), to_px(b.media.t - b.bleed.b));
        let (tl, tr) = (to_px(b.trim.l - b.media.l), to_px(b.trim.r - b.media.l));
        let (tt, tb) = (to_px(b.media.t - b.trim.t), to_px(b.media.t - b.trim.b));
        let bleed_px = tl - bl;
        let inside_bleed = |x: f64, y: f64| x >= bl - 0.5 && x <= br + 0.5 && y >= bt - 0.5 && y <= bb + 0.5;
        let mut corner_px = [0u32; 4];
        let (mut min_gap, mut max_reach) = (f64::MAX, 0.0f64);
        for (x, y, p) in img.enumerate_pixels() {
            let (cx, cy) = (x as f64 + 0.5, y as f64 + 0.5);
            if inside_bleed(cx, cy) || p[0] > 128 {
                continue;
            }
            // A dark pixel outside the bleed: it must lie on a trim line's extension.
            let on_v = (cx - tl).abs() < 1.5 || (cx - tr).abs() < 1.5;
            let on_h = (cy - tt).abs() < 1.5 || (cy - tb).abs() < 1.5;
            assert!(on_v || on_h, "{key}: dark pixel at ({x}, {y}) outside the bleed is not on a trim line; see {}", png.display());
            // Distance from the trim edge it continues.
            let gap = if on_h && !(cx >= tl && cx <= tr) { (tl - cx).max(cx - tr) } else { (tt - cy).max(cy - tb) };
            min_gap = min_gap.min(gap);
            max_reach = max_reach.max(gap);
            corner_px[(cx > (tl + tr) / 2.0) as usize + 2 * (cy > (tt + tb) / 2.0) as usize] += 1;
        }
        // Nothing of the marks reaches into the BleedBox: along its edges (the bleed plus 2 mm)
        // the page looks exactly as it does without marks, where the BleedBox is the whole
        // page. (Further in, poppler snaps QR module edges differently when the page origin
        // moves, which says nothing about marks.)
        let off = write(dir.path(), &format!("nomarks-{}", file_name(spec)), &render(spec, scene, false));
        let cmp_dpi = COMPARE_DPI;
        let stem = key.replace('/', "_");
        let without = image::open(pdftoppm(&off, cmp_dpi, None, &["-thinlinemode", "solid"], &dir.path().join(format!("{stem}.nomarks")))).unwrap().to_rgb8();
        let crop = (px(b.bleed.l - b.media.l, cmp_dpi, "bleed left"), px(b.media.t - b.bleed.t, cmp_dpi, "bleed top"), without.width(), without.height());
        let with =
            image::open(pdftoppm(&path, cmp_dpi, Some(crop), &["-thinlinemode", "solid"], &dir.path().join(format!("{stem}.bleedbox")))).unwrap().to_rgb8();
        let edge = ((b.trim.l - b.bleed.l + 2.0 * PT_PER_MM) * cmp_dpi as f64 / 72.0).ceil() as u32;
        let (w, h) = without.dimensions();
        let worst = without
            .enumerate_pixels()
            .filter(|(x, y, _)| *x < edge || *y < edge || *x + edge >= w || *y + edge >= h)
            .map(|(x, y, a)| (0..3).map(|i| a[i].abs_diff(with.get_pixel(x, y)[i])).max().unwrap())
            .max()
            .unwrap();
        assert!(worst <= 2, "{key}: inside the BleedBox the page differs by up to {worst} with crop marks on; see {}", dir.keep().display());
        assert!(corner_px.iter().all(|n| *n > 0), "{key}: a corner has no crop mark: {corner_px:?}");
        let mm = dpi as f64 / 25.4;
        assert!(min_gap >= bleed_px, "{key}: a mark starts {:.2} mm from the trim, inside the bleed ({:.2} mm)", min_gap / mm, bleed_px / mm);
        let len_mm = (max_reach - min_gap) / mm;
        assert!((len_mm - 6.0).abs() < 0.3, "{key}: marks are {len_mm:.2} mm long, expected 6");
        eprintln!("{key}: marks start {:.2} mm from the trim (bleed {:.2} mm), {len_mm:.2} mm long", min_gap / mm, bleed_px / mm);
    }
}

/// The background fills the whole BleedBox and the accent band runs off both edges: the bleed
/// strip shows the same colour as the artwork just inside the trim.
#[test]
fn band_and_background_extend_into_the_bleed() {
    let dir = tempfile::tempdir().unwrap();
    for (spec, scene) in [first("billboard-48"), first("phone-box")] {
        let key = &spec.key;
        let path = write(dir.path(), &file_name(spec), &render(spec, scene, true));
        let b = boxes(&path);
        let dpi = COMPARE_DPI;
        let png = pdftoppm(&path, dpi, None, &[], &dir.path().join(format!("{}.page", key.replace('/', "_"))));
        let img = image::open(&png).unwrap().to_rgb8();
        let k = spec.format.scale as f64 * PT_PER_MM * dpi as f64 / 72.0; // px per scene mm
        let (ox, oy) = ((b.trim.l - b.media.l) * dpi as f64 / 72.0, (b.media.t - b.trim.t) * dpi as f64 / 72.0);
        let at = |x_mm: f64, y_mm: f64| *img.get_pixel((ox + x_mm * k) as u32, (oy + y_mm * k) as u32);
        let (w, h, bleed) = (scene.width_mm as f64, scene.height_mm as f64, scene.bleed_mm as f64);
        let (mid, inset) = (bleed / 2.0, 2.0 * bleed);
        let close = |a: image::Rgb<u8>, b: image::Rgb<u8>| (0..3).all(|i| a[i].abs_diff(b[i]) <= 8);
        // Corners of the bleed strip vs the background just inside the trim corner.
        for (x, y, xi, yi) in
            [(-mid, -mid, inset, inset), (w + mid, -mid, w - inset, inset), (-mid, h + mid, inset, h - inset), (w + mid, h + mid, w - inset, h - inset)]
        {
            let (out, inn) = (at(x, y), at(xi, yi));
            assert!(close(out, inn) && out != image::Rgb([255, 255, 255]), "{key}: bleed corner ({x}, {y}) mm is {out:?}, the artwork inside is {inn:?}");
        }
        let band = scene.items.iter().find_map(|i| match (&i.role, &i.kind) {
            (Role::Band, ItemKind::Fill { rect, .. }) => Some(*rect),
            _ => None,
        });
        let rect = band.expect("print scenes have an accent band");
        let y = (rect.y + rect.h / 2.0) as f64;
        for (x, xi) in [(-mid, inset), (w + mid, w - inset)] {
            let (out, inn) = (at(x, y), at(xi, y));
            assert!(close(out, inn), "{key}: band in the bleed at x = {x} mm is {out:?}, inside the trim {inn:?}");
            assert!(!close(out, at(x, y - rect.h as f64)), "{key}: at x = {x} mm the band is indistinguishable from what is above it");
        }
    }
}

// ---- images ----

#[test]
fn an_image_goes_in_as_cmyk_with_a_soft_mask() {
    let (spec, scene) = first("phone-box");
    let mut scene = scene.clone();
    let rect = billposter::vocab::units::Rect::new(40.0, 40.0, 100.0, 100.0);
    // 2 × 2: opaque red, opaque green, half-transparent blue, transparent.
    let rgba = vec![255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 128, 0, 0, 0, 0];
    scene.items.push(layout::Item {
        role: Role::Logo,
        span: scene.items[0].span,
        region: rect,
        kind: ItemKind::Image(layout::scene::ImageItem { rect, bitmap: billposter::vocab::Bitmap::new(rgba, 2, 2), source_px: None, proof: None }),
    });
    let bytes = pdf::render(&scene, &opts(spec, true)).expect("an image goes into the PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "logo.pdf", &bytes);
    let list = tool_ok("pdfimages", &["-list", path.to_str().unwrap()]);
    assert!(list.lines().any(|l| l.contains(" image ") && l.contains(" cmyk ")), "{list}");
    assert!(list.lines().any(|l| l.contains(" smask ")), "{list}");
    let (all, _) = content_streams(&path, dir.path());
    assert!(!all.contains("DeviceRGB"), "no RGB colour space for the image");
}

// ---- PDF/X-4 ----

/// A minimal but well-formed ICC v2 CMYK output profile (lut8 A2B0/B2A0 with 2-point grids),
/// made here so no third-party profile has to be bundled. Its colour science is crude; it only
/// has to be a real CMYK 'prtr' profile.
fn test_cmyk_profile() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn lut8(inputs: u8, outputs: u8, clut: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
        let mut t = b"mft1\0\0\0\0".to_vec();
        t.extend([inputs, outputs, 2, 0]);
        for (i, _) in (0..9).enumerate() {
            t.extend(s15(if i % 4 == 0 { 1.0 } else { 0.0 }));
        }
        for _ in 0..inputs {
            t.extend(0..=255u8);
        }
        for n in 0..(1u32 << inputs) {
            // First input varies slowest.
            let corner: Vec<u8> = (0..inputs).map(|i| ((n >> (inputs - 1 - i)) & 1) as u8).collect();
            t.extend(clut(&corner));
        }
        for _ in 0..outputs {
            t.extend(0..=255u8);
        }
        t
    }
    let mut desc = b"desc\0\0\0\0".to_vec();
    let name = b"billposter test CMYK\0";
    desc.extend((name.len() as u32).to_be_bytes());
    desc.extend(name);
    desc.extend([0u8; 4 + 4 + 2 + 1 + 67]);
    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend(b"No copyright, use freely\0");
    let mut wtpt = b"XYZ \0\0\0\0".to_vec();
    for v in [0.9642, 1.0, 0.8249] {
        wtpt.extend(s15(v));
    }
    // CMYK → Lab: lightness falls with ink; Lab → CMYK: K from lightness.
    let a2b0 = lut8(4, 3, |c| {
        let ink = c.iter().map(|v| *v as f64).sum::<f64>().min(1.0);
        vec![(255.0 * (1.0 - ink)) as u8, 128, 128]
    });
    let b2a0 = lut8(3, 4, |lab| vec![0, 0, 0, if lab[0] == 1 { 0 } else { 255 }]);
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![(b"desc", desc), (b"cprt", cprt), (b"wtpt", wtpt), (b"A2B0", a2b0), (b"B2A0", b2a0)];

    let mut body = Vec::new();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let data_start = 128 + 4 + 12 * tags.len();
    for (sig, data) in &tags {
        while body.len() % 4 != 0 {
            body.push(0);
        }
        table.extend(*sig);
        table.extend(((data_start + body.len()) as u32).to_be_bytes());
        table.extend((data.len() as u32).to_be_bytes());
        body.extend(data);
    }
    while body.len() % 4 != 0 {
        body.push(0);
    }
    let size = 128 + table.len() + body.len();
    let mut h = vec![0u8; 128];
    h[0..4].copy_from_slice(&(size as u32).to_be_bytes());
    h[8..12].copy_from_slice(&[2, 0x10, 0, 0]);
    h[12..16].copy_from_slice(b"prtr");
    h[16..20].copy_from_slice(b"CMYK");
    h[20..24].copy_from_slice(b"Lab ");
    for (i, v) in [2019u16, 3, 18, 0, 0, 0].iter().enumerate() {
        h[24 + 2 * i..26 + 2 * i].copy_from_slice(&v.to_be_bytes());
    }
    h[36..40].copy_from_slice(b"acsp");
    h[68..72].copy_from_slice(&s15(0.9642));
    h[72..76].copy_from_slice(&s15(1.0));
    h[76..80].copy_from_slice(&s15(0.8249));
    [h, table, body].concat()
}

fn pdfx_opts(spec: &AssetSpec, icc: Vec<u8>) -> PdfOptions {
    let profile = Profile::parse(Path::new("test-cmyk.icc"), &icc).expect("the test profile is a CMYK output profile");
    PdfOptions { output_profile: Some(Arc::new(profile)), ..opts(spec, true) }
}

fn json_ref(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("expected an indirect reference, got {v}")).to_string()
}

#[test]
fn output_profile_makes_a_pdfx4_file() {
    let dir = tempfile::tempdir().unwrap();
    let icc = test_cmyk_profile();
    for (spec, scene) in [first("billboard-48"), first("phone-box")] {
        let key = &spec.key;
        let bytes = pdf::render(scene, &pdfx_opts(spec, icc.clone())).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert!(bytes == pdf::render(scene, &pdfx_opts(spec, icc.clone())).unwrap(), "{key}: PDF/X renders differ");
        let path = write(dir.path(), &format!("x4-{}", file_name(spec)), &bytes);
        let plain = write(dir.path(), &file_name(spec), &render(spec, scene, true));

        let check = tool("qpdf", &["--check", path.to_str().unwrap()]);
        assert!(check.status.code() == Some(0), "{key}: qpdf --check:\n{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
        let (bx, bp) = (boxes(&path), boxes(&plain));
        assert!(bx.media.same(&bp.media) && bx.bleed.same(&bp.bleed) && bx.trim.same(&bp.trim), "{key}: PDF/X boxes differ from the plain file");

        let info = tool_ok("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains("PDF version:     1.6"), "{key}: PDF/X-4 needs PDF 1.6:\n{info}");
        let meta = tool_ok("pdfinfo", &["-meta", path.to_str().unwrap()]);
        for want in [
            "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
            "<pdf:Trapped>False</pdf:Trapped>",
            "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        ] {
            assert!(meta.contains(want), "{key}: XMP lacks {want}:\n{meta}");
        }

        // Walk trailer → Info / Root → OutputIntents → DestOutputProfile with qpdf's JSON.
        let json: serde_json::Value = serde_json::from_str(&tool_ok("qpdf", &["--json", path.to_str().unwrap()])).unwrap();
        let objs = &json["qpdf"][1];
        let obj = |r: &str| -> &serde_json::Value {
            let o = &objs[format!("obj:{r}")];
            if o["stream"].is_object() { &o["stream"]["dict"] } else { &o["value"] }
        };
        let trailer = &objs["trailer"]["value"];
        let info_d = obj(&json_ref(&trailer["/Info"]));
        assert_eq!(info_d["/GTS_PDFXVersion"], "u:PDF/X-4", "{key}: Info GTS_PDFXVersion: {info_d}");
        assert_eq!(info_d["/Trapped"], "/False", "{key}: Info Trapped");
        assert!(trailer["/ID"].is_array(), "{key}: trailer has no /ID");
        let root = obj(&json_ref(&trailer["/Root"]));
        let intents = root["/OutputIntents"].as_array().unwrap_or_else(|| panic!("{key}: catalog has no OutputIntents: {root}"));
        assert_eq!(intents.len(), 1);
        let oi = obj(&json_ref(&intents[0]));
        assert_eq!(oi["/S"], "/GTS_PDFX", "{key}: output intent subtype");
        assert_eq!(oi["/OutputCondition"], "u:billposter test CMYK", "{key}: output condition from the profile's description");
        let prof_ref = json_ref(&oi["/DestOutputProfile"]);
        assert_eq!(obj(&prof_ref)["/N"], 4, "{key}: DestOutputProfile is not a 4-component profile");
        let id = prof_ref.split_whitespace().next().unwrap();
        let out = tool("qpdf", &[&format!("--show-object={id}"), "--filtered-stream-data", path.to_str().unwrap()]);
        assert!(out.stdout == icc, "{key}: the embedded profile is not the one given ({} vs {} bytes)", out.stdout.len(), icc.len());

        // Everything the plain file promises still holds.
        let fonts = tool_ok("pdffonts", &[path.to_str().unwrap()]);
        assert!(fonts.lines().skip(2).all(|l| l.split_whitespace().rev().nth(4) == Some("yes")), "{key}: fonts:\n{fonts}");
        let text = words(&tool_ok("pdftotext", &[path.to_str().unwrap(), "-"]));
        assert!(text.contains(&fixture().campaign.contact.helpline.value), "{key}: text lost in the update");
    }
}

#[test]
fn a_profile_that_is_not_cmyk_output_is_refused() {
    // Profiles are parsed once, at load: what the PDF backend is given is always a checked one.
    let at = Path::new("test-cmyk.icc");
    let mut rgb = test_cmyk_profile();
    rgb[16..20].copy_from_slice(b"RGB ");
    let err = Profile::parse(at, &rgb).expect_err("an RGB profile cannot be a PDF/X-4 output intent");
    assert!(err.contains("CMYK"), "{err}");
    let err = Profile::parse(at, b"not a profile").expect_err("garbage is not a profile");
    assert!(err.contains("not an ICC profile"), "{err}");
}

//! Photographs: loading (16-bit PNG, CMYK JPEG, WebP), text on a photo measured on its pixels
//! with a scrim added where needed, the effective-resolution rule, and the bundled example.
//! Pixels are read back with the `image` crate and measured here, not with the code under test.

mod common;
use billposter::campaign;
use billposter::layout::{ItemKind, Role, Scene};
use billposter::plan::Selection;
use billposter::preflight;
use common::*;
use image::{Rgb, RgbImage};
use std::path::Path;

/// A campaign in `dir` with `photo` as its image and the given layout and placements.
fn campaign_with(dir: &Path, photo: &str, layout: &str, placements: &str) -> std::path::PathBuf {
    let yaml = format!(
        "{}layout: {layout}\nimage: {{path: {photo}, alt: \"A test picture\"}}\nmessages:\n  - id: m\n    headline: \"Worried about someone? Talk to us.\"\n    body: \"In confidence.\"\n    caption: \"Talk to us.\"\nplacements:\n{placements}",
        head(1, "[en-GB]")
    );
    let path = dir.join("campaign.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

fn scenes(path: &Path) -> Vec<(billposter::plan::AssetSpec, Scene, Vec<billposter::vocab::Diagnostic>)> {
    let (c, _) = campaign::load(path).unwrap_or_else(|e| panic!("{e}"));
    lay_out(&c, &Selection::default())
}

/// WCAG luminance of an sRGB pixel.
fn lum(p: [u8; 3]) -> f64 {
    let l = |v: u8| {
        let c = v as f64 / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * l(p[0]) + 0.7152 * l(p[1]) + 0.0722 * l(p[2])
}

/// The contrast of a text's colour on the photo's pixels behind its lines, measured here on
/// every pixel: the worst line's 2nd percentile (a stray pixel is no failure).
fn worst_contrast(p: &billposter::layout::scene::ImageItem, t: &billposter::layout::scene::TextBlock) -> f64 {
    let mut worst = f64::INFINITY;
    let lt = lum(t.colour.srgb);
    let (sx, sy) = (p.bitmap.width as f32 / p.rect.w, p.bitmap.height as f32 / p.rect.h);
    for line in &t.lines {
        let (x0, x1) = (((line.rect.x - p.rect.x) * sx) as u32, ((line.rect.right() - p.rect.x) * sx) as u32);
        let (y0, y1) = (((line.rect.y - p.rect.y) * sy) as u32, ((line.rect.bottom() - p.rect.y) * sy) as u32);
        let mut ratios: Vec<f64> = Vec::new();
        for y in y0..y1.min(p.bitmap.height) {
            for x in x0..x1.min(p.bitmap.width) {
                let i = ((y * p.bitmap.width + x) * 4) as usize;
                let l = lum([p.bitmap.rgba[i], p.bitmap.rgba[i + 1], p.bitmap.rgba[i + 2]]);
                ratios.push((l.max(lt) + 0.05) / (l.min(lt) + 0.05));
            }
        }
        ratios.sort_by(f64::total_cmp);
        worst = worst.min(ratios[ratios.len() / 50]);
    }
    worst
}

#[test]
fn a_bright_area_behind_the_headline_gets_a_scrim_and_then_passes_on_its_pixels() {
    let dir = tempfile::tempdir().unwrap();
    // Left half white, right half black: neither white nor dark text can pass on both.
    let img = RgbImage::from_fn(1600, 1600, |x, _| if x < 800 { Rgb([255, 255, 255]) } else { Rgb([0, 0, 0]) });
    img.save(dir.path().join("halves.png")).unwrap();
    let path = campaign_with(dir.path(), "halves.png", "photo", "  - format: instagram-square\n");
    let laid = scenes(&path);
    let (spec, scene, diags) = &laid[0];
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let photo = scene.items.iter().find(|i| i.role == Role::Photo).expect("a photo item");
    let ItemKind::Image(p) = &photo.kind else { panic!("photo is an image") };
    let (_, head) = scene.texts().find(|(i, _)| i.role == Role::Headline).unwrap();
    // Measured here, on every pixel behind every headline line.
    let worst = worst_contrast(p, head);
    let (sx, sy) = (p.bitmap.width as f32 / p.rect.w, p.bitmap.height as f32 / p.rect.h);
    assert!(worst >= 4.5, "headline {} on the photo: {worst:.2}:1", head.colour.hex());
    // A scrim was painted: the white half behind the headline is no longer white.
    let (_, first) = (0, &head.lines[0]);
    let y = (((first.rect.y + first.rect.h / 2.0) - p.rect.y) * sy) as u32;
    let x = ((scene.safe.x + 1.0 - p.rect.x) * sx) as u32;
    let i = ((y * p.bitmap.width + x) * 4) as usize;
    assert!(p.bitmap.rgba[i] < 200, "no scrim behind the headline: pixel {:?}", &p.bitmap.rgba[i..i + 3]);
    let found = preflight::check_scene(spec, scene);
    assert!(found.iter().all(|d| d.code != "contrast"), "{found:?}");
}

/// A right-to-left poster on a photograph is mirrored: its lines move to the right while the
/// full-bleed photo stays. On a photo white on its left half and black on its right, the short
/// lines of an English poster sit on the white (near-black text) and those of an Urdu one on
/// the black, where the colour must be chosen: chosen at the lines' left-to-right places, the
/// Urdu poster got near-black text on black (a contrast error). Measured here on the final
/// pixels, and by the render's own preflight.
#[test]
fn a_mirrored_poster_chooses_its_colour_on_the_pixels_its_lines_end_up_on() {
    let dir = tempfile::tempdir().unwrap();
    let img = RgbImage::from_fn(1600, 1600, |x, _| if x < 800 { Rgb([255, 255, 255]) } else { Rgb([0, 0, 0]) });
    img.save(dir.path().join("halves.png")).unwrap();
    let yaml = format!(
        "{}layout: photo\nimage: {{path: halves.png, alt: \"Half white, half black\"}}\nmessages:\n  - id: m\n    headline: {{en-GB: \"Help?\", ur: \"مدد؟\"}}\n    body: {{en-GB: \"Call us.\", ur: \"رازدارانہ۔\"}}\n    caption: {{en-GB: \"Get help.\", ur: \"مدد لیں۔\"}}\nplacements:\n  - format: instagram-square\n",
        head(1, "[en-GB, ur]")
    );
    let path = dir.path().join("campaign.yaml");
    std::fs::write(&path, yaml).unwrap();
    let mut checked = 0;
    for (spec, scene, diags) in scenes(&path) {
        assert!(diags.iter().all(|d| !d.is_error()), "{}: {diags:?}", spec.key);
        let rtl = spec.language == "ur";
        let photo = scene.items.iter().find(|i| i.role == Role::Photo).expect("a photo item");
        let ItemKind::Image(p) = &photo.kind else { panic!("photo is an image") };
        let middle = scene.width_mm / 2.0;
        for role in [Role::Headline, Role::Body] {
            let (_, t) = scene.texts().find(|(i, _)| i.role == role).unwrap();
            // The test means something only if every line sits wholly on one half.
            for l in &t.lines {
                let on_right = l.rect.x >= middle;
                assert!(on_right == rtl && (on_right || l.rect.right() <= middle), "{} {role:?}: line {:?} is not wholly on its half", spec.key, l.rect);
            }
            let worst = worst_contrast(p, t);
            assert!(worst >= 4.5, "{} {role:?} {} on the photo: {worst:.2}:1", spec.key, t.colour.hex());
            // Plain black or white behind the lines needs no scrim: the text colour alone
            // (light on the black half, dark on the white) is enough.
            assert_eq!(t.colour.luminance() > 0.5, rtl, "{} {role:?}: {}", spec.key, t.colour.hex());
        }
        let [r, g, b, _] = p.bitmap.rgba[..4] else { unreachable!() };
        assert_eq!([r, g, b], [255, 255, 255], "{}: a scrim over the photo's white half", spec.key);
        let found = preflight::check_scene(&spec, &scene);
        assert!(found.iter().all(|d| d.code != "contrast"), "{}: {found:?}", spec.key);
        checked += 1;
    }
    assert_eq!(checked, 2);
    let o = render(&path, &dir.path().join("out"), &[]);
    assert!(o.status.success() && !stderr(&o).contains("contrast"), "{}", stderr(&o));
}

#[test]
fn a_low_resolution_photo_on_a_48_sheet_is_reported_with_its_ppi() {
    let dir = tempfile::tempdir().unwrap();
    RgbImage::from_pixel(300, 200, Rgb([90, 120, 160])).save(dir.path().join("small.png")).unwrap();
    let path = campaign_with(dir.path(), "small.png", "split", "  - format: billboard-48\n    sites: 2\n");
    let laid = scenes(&path);
    let (spec, scene, _) = &laid[0];
    let found = preflight::check_scene(spec, scene);
    let f = found.iter().find(|d| d.code == "resolution").unwrap_or_else(|| panic!("no resolution finding: {found:?}"));
    assert!(f.is_error(), "{f:?}");
    let measured = f.measured.clone().unwrap_or_default();
    assert!(measured.contains("ppi"), "{measured}");
    // 200 px over the board's 3,068 mm height (bleed included) at full size: ~2 ppi.
    assert!(f.message.contains(" 2 ppi"), "{}", f.message);
}

#[test]
fn a_photo_as_large_as_the_rule_needs_gets_no_resolution_finding() {
    let dir = tempfile::tempdir().unwrap();
    // Split on a 48-sheet: the photo is ~2,400 × 3,068 mm; 30 ppi needs ~3,700 px of height.
    RgbImage::from_pixel(3000, 3800, Rgb([30, 60, 90])).save(dir.path().join("big.png")).unwrap();
    let path = campaign_with(dir.path(), "big.png", "split", "  - format: billboard-48\n    sites: 2\n");
    let laid = scenes(&path);
    let (spec, scene, _) = &laid[0];
    let found = preflight::check_scene(spec, scene);
    assert!(found.iter().all(|d| d.code != "resolution"), "{found:?}");
}

#[test]
fn sixteen_bit_png_cmyk_jpeg_and_webp_photos_load() {
    let dir = tempfile::tempdir().unwrap();
    let deep = image::ImageBuffer::<Rgb<u16>, Vec<u16>>::from_pixel(400, 300, Rgb([65535, 0, 0]));
    image::DynamicImage::ImageRgb16(deep).save(dir.path().join("deep.png")).unwrap();
    std::fs::copy(fixture("good/photos/cmyk-red.jpg"), dir.path().join("cmyk.jpg")).unwrap();
    let webp = RgbImage::from_pixel(400, 300, Rgb([0, 0, 255]));
    webp.save_with_format(dir.path().join("blue.webp"), image::ImageFormat::WebP).unwrap();
    for (file, want) in [("deep.png", [255, 0, 0]), ("cmyk.jpg", [208, 32, 32]), ("blue.webp", [0, 0, 255])] {
        let path = campaign_with(dir.path(), file, "split", "  - format: instagram-square\n");
        let (c, _) = campaign::load(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let p = &c.image.as_ref().unwrap().photo;
        let mid = ((p.height / 2 * p.width + p.width / 2) * 3) as usize;
        let pixels = p.pixels();
        let got = &pixels.as_ref().as_ref().unwrap()[mid..mid + 3];
        assert!(got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= 24), "{file}: {got:?}, expected ~{want:?}");
    }
}

#[test]
fn every_layout_keeps_the_hierarchy_and_the_safe_area_on_every_aspect() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("campaigns/examples/photos/dawn.jpg"), dir.path().join("dawn.jpg")).unwrap();
    let all = "  - format: instagram-story\n  - format: instagram-square\n  - format: instagram-portrait\n  - format: x-post\n  - format: linkedin-post\n  - format: d6\n  - format: phone-box\n    sites: 2\n  - format: billboard-96\n    sites: 2\n";
    for layout in ["band", "split", "photo"] {
        let path = campaign_with(dir.path(), "dawn.jpg", layout, all);
        for (spec, scene, diags) in scenes(&path) {
            assert!(diags.iter().all(|d| !d.is_error()), "{layout} {}: {diags:?}", spec.key);
            let size = |r: Role| scene.texts().find(|(i, _)| i.role == r).map(|(_, t)| t.size_mm).unwrap();
            assert!(size(Role::Headline) >= size(Role::Helpline) * 0.99, "{layout} {}: headline below the number", spec.key);
            for r in [Role::Body, Role::Website, Role::Imprint, Role::Hours] {
                assert!(size(Role::Helpline) > size(r), "{layout} {}: {r:?} not below the number", spec.key);
            }
            for (i, t) in scene.texts() {
                for l in &t.lines {
                    assert!(scene.safe.contains(&l.rect, 0.05), "{layout} {}: {:?} outside the safe area", spec.key, i.role);
                }
            }
            let has_photo = scene.items.iter().any(|i| i.role == Role::Photo);
            assert_eq!(has_photo, layout != "band", "{layout} {}", spec.key);
            let found = preflight::check_scene(&spec, &scene);
            let errors: Vec<_> = found.iter().filter(|d| d.is_error() && d.code != "resolution").collect();
            assert!(errors.is_empty(), "{layout} {}: {errors:?}", spec.key);
        }
    }
}

#[test]
fn the_example_campaign_with_a_photograph_renders_without_findings() {
    let out = billposter(&["check", root().join("campaigns/examples/dawn-helpline.yaml").to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The print PDF carries the photo as a CMYK JPEG at the resolution the viewing distance needs,
/// not the source's pixels: read back with pdfimages (poppler), an independent reader.
#[test]
fn the_print_pdf_embeds_the_photo_in_cmyk_at_the_resolution_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    // 4,000 px wide: more than a six-sheet's split photo needs at 60 ppi (1,216 mm ≈ 2,873 px).
    let img = RgbImage::from_fn(4000, 2600, |x, y| Rgb([(x / 16) as u8, (y / 11) as u8, 120]));
    img.save(dir.path().join("wide.png")).unwrap();
    let path = campaign_with(dir.path(), "wide.png", "split", "  - format: six-sheet\n    sites: 2\n");
    let out = dir.path().join("out");
    let o = render(&path, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf =
        std::fs::read_dir(out.join("test-campaign/print")).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|e| e == "pdf")).unwrap();
    let list = std::process::Command::new("pdfimages").arg("-list").arg(&pdf).output().expect("pdfimages (poppler-utils)");
    let text = String::from_utf8_lossy(&list.stdout);
    let row = text.lines().find(|l| l.contains(" image ")).unwrap_or_else(|| panic!("no image in the PDF:\n{text}"));
    let cols: Vec<&str> = row.split_whitespace().collect();
    // page num type width height color comp bpc enc …
    let (width, colour, enc) = (cols[3].parse::<u32>().unwrap(), cols[5], cols[8]);
    assert_eq!((colour, enc), ("cmyk", "jpeg"), "{row}");
    let need = (1216.0 / 25.4 * 60.0) as u32;
    assert!(width.abs_diff(need) <= 4, "embedded {width} px wide; the six-sheet needs {need} at 60 ppi ({row})");
}

/// A camera JPEG stored sideways with EXIF orientation 6 (rotate 90° clockwise to display) is
/// used upright: stored 60 × 40 with red left and blue right, it is shown 40 × 60, red on top.
#[test]
fn exif_orientation_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/photos/orientation-6.jpg"), dir.path().join("o.jpg")).unwrap();
    let path = campaign_with(dir.path(), "o.jpg", "split", "  - format: instagram-square\n");
    let (c, _) = campaign::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let p = &c.image.as_ref().unwrap().photo;
    assert_eq!((p.width, p.height), (40, 60));
    let pixels = p.pixels();
    let rgb = pixels.as_ref().as_ref().unwrap();
    let px = |x: u32, y: u32| {
        let i = ((y * p.width + x) * 3) as usize;
        [rgb[i], rgb[i + 1], rgb[i + 2]]
    };
    let (top, bottom) = (px(20, 10), px(20, 50));
    assert!(top[0] > 200 && top[2] < 60, "top {top:?}: expected red");
    assert!(bottom[2] > 200 && bottom[0] < 60, "bottom {bottom:?}: expected blue");
}

//! Reference images: a few assets compared pixel by pixel with committed PNGs.
//!
//! Tolerance: a pixel differs when any channel differs by more than 24/255 (anti-aliasing noise
//! between machines); the test fails when more than 0.2% of pixels differ. On failure it writes
//! `expected | diff | actual` to `target/ref-diff/<name>.png`. To accept a deliberate change,
//! run with `BILLPOSTER_UPDATE_REFS=1` and commit the new files in `tests/ref/` after looking at them.

mod common;
use billposter::campaign;
use billposter::plan::Selection;
use billposter::render::raster;
use common::*;
use image::{Rgb, RgbImage};

const CHANNEL_TOLERANCE: u8 = 24;
const MAX_DIFFERING: f64 = 0.002;

fn check(format: &str, message: &str, name: &str) {
    check_in(&bundled(), format, message, None, name)
}

/// `lang`: which language's asset (default: the first).
fn check_in(campaign: &std::path::Path, format: &str, message: &str, lang: Option<&str>, name: &str) {
    let (c, _) = campaign::load(campaign).unwrap();
    let sel = Selection { only: Some(format.into()), message: Some(message.into()) };
    let laid = lay_out(&c, &sel);
    let (spec, scene, _) = laid.iter().find(|(s, _, _)| lang.is_none_or(|l| s.language == l)).expect("the asset");
    let (w, h) = spec.px;
    // Print proofs are compared at a quarter of their density to keep the references small.
    let (w, h) = if spec.format.px.is_none() { (w / 4, h / 4) } else { (w, h) };
    compare(scene, w, h, name);
}

/// One asset of the layouts fixture (`tests/fixtures/good/layouts.yaml`), drawn with its long
/// side at 480 px: photographs make large PNGs, and the composition shows at that size.
fn check_layout(key: &str, name: &str) {
    let (c, _) = campaign::load(&fixture("good/layouts.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let laid = lay_out(&c, &Selection::default());
    let (_, scene, _) = laid.iter().find(|(s, _, _)| s.key == key).unwrap_or_else(|| panic!("no asset {key}"));
    let k = 480.0 / scene.width_mm.max(scene.height_mm);
    compare(scene, (scene.width_mm * k).round() as u32, (scene.height_mm * k).round() as u32, name);
}

fn compare(scene: &billposter::layout::Scene, w: u32, h: u32, name: &str) {
    let r = raster::render(scene, &raster::RasterOptions { width: w, height: h });
    let actual = RgbImage::from_raw(w, h, r.rgb).unwrap();
    let path = root().join("tests/ref").join(format!("{name}.png"));
    if std::env::var_os("BILLPOSTER_UPDATE_REFS").is_some() {
        actual.save(&path).unwrap();
        return;
    }
    let expected = image::open(&path).unwrap_or_else(|e| panic!("{}: {e} (BILLPOSTER_UPDATE_REFS=1 writes it)", path.display())).to_rgb8();
    assert_eq!(expected.dimensions(), actual.dimensions(), "{name}: size");
    let mut diff = RgbImage::new(w, h);
    let mut differing = 0u64;
    for (x, y, e) in expected.enumerate_pixels() {
        let a = actual.get_pixel(x, y);
        let d = (0..3).map(|i| e[i].abs_diff(a[i])).max().unwrap();
        if d > CHANNEL_TOLERANCE {
            differing += 1;
            diff.put_pixel(x, y, Rgb([255, 0, 0]));
        } else {
            let g = e[0] / 3 + e[1] / 3 + e[2] / 3;
            diff.put_pixel(x, y, Rgb([g / 2, g / 2, g / 2]));
        }
    }
    let share = differing as f64 / (w as f64 * h as f64);
    if share > MAX_DIFFERING {
        let dir = root().join("target/ref-diff");
        std::fs::create_dir_all(&dir).unwrap();
        let mut sheet = RgbImage::new(w * 3, h);
        image::imageops::replace(&mut sheet, &expected, 0, 0);
        image::imageops::replace(&mut sheet, &diff, w as i64, 0);
        image::imageops::replace(&mut sheet, &actual, 2 * w as i64, 0);
        let out = dir.join(format!("{name}.png"));
        sheet.save(&out).unwrap();
        panic!("{name}: {:.3}% of pixels differ by more than {CHANNEL_TOLERANCE}; see {}", share * 100.0, out.display());
    }
}

#[test]
fn instagram_square_matches_reference() {
    check("instagram-square", "worried-about-yourself", "instagram-square_worried-about-yourself");
}

#[test]
fn x_post_matches_reference() {
    check("x-post", "you-will-be-caught", "x-post_you-will-be-caught");
}

#[test]
fn phone_box_proof_matches_reference() {
    check("phone-box", "family-and-friends", "phone-box_family-and-friends_quarter");
}

#[test]
fn billboard_proof_matches_reference() {
    check("billboard-48", "you-will-be-caught", "billboard-48_you-will-be-caught_quarter");
}

/// One asset per script and direction of the six-language example: English, Gaelic (Latin with
/// accents), Polish (Latin with ogoneks and kreskas) and Urdu (Arabic script from the fallback
/// font, the composition mirrored).
#[test]
fn language_proofs_match_references() {
    let example = root().join("campaigns/examples/languages.yaml");
    for lang in ["en-GB", "gd", "pl", "ur"] {
        check_in(&example, "phone-box", "worried-about-yourself", Some(lang), &format!("languages_phone-box_{lang}_quarter"));
    }
}

/// Each layout on a portrait, a square, a 2:1 and a 4:1 format. The fixture's placements of one
/// format with different layouts are separate artworks: `six-sheet`, `six-sheet-2`, `six-sheet-3`.
#[test]
fn every_layout_matches_its_references() {
    for (format, n) in [("six-sheet", "portrait"), ("instagram-square", "square"), ("billboard-48", "2to1"), ("billboard-96", "4to1")] {
        for (i, layout) in ["band", "split", "photo"].iter().enumerate() {
            let label = if i == 0 { format.to_string() } else { format!("{format}-{}", i + 1) };
            check_layout(&format!("{label}/talk/en-GB"), &format!("layout-{layout}_{n}"));
        }
    }
}

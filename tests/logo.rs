//! The logo map: the version that stands out is drawn on each surface, sizes and corners.

mod common;
use billposter::layout::{ItemKind, Role};
use billposter::plan::Selection;
use billposter::preflight;
use common::*;
use image::{Rgba, RgbaImage};

fn logos(dir: &std::path::Path) {
    RgbaImage::from_pixel(200, 80, Rgba([255, 255, 255, 255])).save(dir.join("white.png")).unwrap();
    RgbaImage::from_pixel(200, 80, Rgba([0, 90, 80, 255])).save(dir.join("dark.png")).unwrap();
}

fn campaign(dir: &std::path::Path, background: &str, text: &str, logo: &str) -> billposter::campaign::Campaign {
    let yaml = format!(
        "{}brand:\n  background: \"{background}\"\n  text: \"{text}\"\n  logo: {logo}\nmessages:\n  - id: m\n    headline: \"Worried about someone? Talk to us.\"\n    caption: \"Talk to us.\"\nplacements:\n  - format: instagram-square\n  - format: x-post\n  - format: six-sheet\n    sites: 2\n",
        head(1, "[en-GB]")
    );
    let path = dir.join("campaign.yaml");
    std::fs::write(&path, yaml).unwrap();
    billposter::campaign::load(&path).unwrap_or_else(|e| panic!("{e}")).0
}

#[test]
fn the_version_that_stands_out_is_drawn_on_each_ground() {
    let dir = tempfile::tempdir().unwrap();
    logos(dir.path());
    let map = "{path: white.png, on_light: dark.png}";
    for (background, text, want) in [("#00796B", "#FFFFFF", [255u8, 255, 255]), ("#FFFFFF", "#1A1A1A", [0, 90, 80])] {
        let c = campaign(dir.path(), background, text, map);
        for (spec, scene, _) in lay_out(&c, &Selection::default()) {
            let logo = scene.items.iter().find(|i| i.role == Role::Logo).expect("a logo");
            let ItemKind::Image(img) = &logo.kind else { panic!() };
            assert_eq!(&img.bitmap.rgba[..3], &want, "{} on {background}", spec.key);
            let found = preflight::check_scene(&spec, &scene);
            assert!(found.iter().all(|d| !d.is_error()), "{}: {found:?}", spec.key);
        }
    }
}

#[test]
fn a_corner_logo_stays_in_the_safe_area_and_the_copy_keeps_clear_of_it() {
    let dir = tempfile::tempdir().unwrap();
    logos(dir.path());
    for position in ["top-left", "top-right", "bottom-left", "bottom-right"] {
        let mut sizes = Vec::new();
        for size in ["small", "large"] {
            let c = campaign(dir.path(), "#00796B", "#FFFFFF", &format!("{{path: white.png, size: {size}, position: {position}}}"));
            for (spec, scene, diags) in lay_out(&c, &Selection::default()) {
                assert!(diags.iter().all(|d| !d.is_error()), "{position} {}: {diags:?}", spec.key);
                let logo = scene.items.iter().find(|i| i.role == Role::Logo).expect("a logo").region;
                assert!(scene.safe.contains(&logo, 0.05), "{position} {}: logo outside the safe area", spec.key);
                for (item, t) in scene.texts() {
                    assert!(!t.bounds.intersects(&logo), "{position} {}: {:?} overlaps the logo", spec.key, item.role);
                }
                if let Some(q) = scene.qr() {
                    assert!(!q.rect.intersects(&logo), "{position} {}: the QR overlaps the logo", spec.key);
                }
                let found = preflight::check_scene(&spec, &scene);
                assert!(found.iter().all(|d| !d.is_error()), "{position} {}: {found:?}", spec.key);
                if spec.key.starts_with("six-sheet") {
                    sizes.push(logo.h);
                }
            }
        }
        assert!(sizes[1] > sizes[0] * 1.5, "{position}: large {} is not larger than small {}", sizes[1], sizes[0]);
    }
}

/// A corner logo on the photograph (photo layout) is judged against the photo's pixels there,
/// not the brand's background: on a light photo the dark version is drawn, and a light-only
/// logo is refused.
#[test]
fn a_logo_on_a_photograph_is_judged_on_the_photo() {
    let dir = tempfile::tempdir().unwrap();
    logos(dir.path());
    image::RgbImage::from_pixel(1200, 1200, image::Rgb([245, 245, 240])).save(dir.path().join("light.png")).unwrap();
    let make = |logo: &str| {
        let yaml = format!(
            "{}brand:\n  background: \"#00796B\"\n  text: \"#FFFFFF\"\n  logo: {logo}\nlayout: photo\nimage: light.png\nmessages:\n  - id: m\n    headline: \"Worried about someone? Talk to us.\"\n    caption: \"Talk to us.\"\nplacements:\n  - format: instagram-square\n  - format: six-sheet\n    sites: 2\n",
            head(1, "[en-GB]")
        );
        let path = dir.path().join("campaign.yaml");
        std::fs::write(&path, yaml).unwrap();
        billposter::campaign::load(&path).unwrap_or_else(|e| panic!("{e}")).0
    };
    let mut checked = 0;
    for position in ["top-left", "top-right"] {
        let c = make(&format!("{{path: white.png, on_light: dark.png, position: {position}}}"));
        for (spec, scene, _) in lay_out(&c, &Selection::default()) {
            let logo = scene.items.iter().find(|i| i.role == Role::Logo).expect("a logo");
            let ItemKind::Image(img) = &logo.kind else { panic!() };
            assert_eq!(&img.bitmap.rgba[..3], &[0, 90, 80], "{position} {}: the dark version on a light photo", spec.key);
            let found = preflight::check_scene(&spec, &scene);
            assert!(found.iter().all(|d| !(d.is_error() && d.message.contains("logo"))), "{position} {}: {found:?}", spec.key);
            checked += 1;
        }
        let c = make(&format!("{{path: white.png, position: {position}}}"));
        for (spec, scene, _) in lay_out(&c, &Selection::default()) {
            let found = preflight::check_scene(&spec, &scene);
            assert!(found.iter().any(|d| d.is_error() && d.message.contains("logo disappears")), "{position} {}: {found:?}", spec.key);
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}

/// A right-to-left poster is mirrored: its top-left logo is drawn top right. On a photograph
/// white on its left half and black on its right, the version is chosen where the logo is
/// drawn: the dark one at the top left of the English poster, the white one at the top right
/// of the Urdu one (chosen at its left-to-right place, the Urdu poster drew the dark version
/// on the black half, where it disappears).
#[test]
fn a_mirrored_corner_logo_is_judged_on_the_corner_it_is_drawn_in() {
    let dir = tempfile::tempdir().unwrap();
    logos(dir.path());
    image::RgbImage::from_fn(1600, 1600, |x, _| if x < 800 { image::Rgb([255, 255, 255]) } else { image::Rgb([0, 0, 0]) })
        .save(dir.path().join("halves.png"))
        .unwrap();
    let yaml = format!(
        "{}brand:\n  background: \"#00796B\"\n  text: \"#FFFFFF\"\n  logo: {{path: white.png, on_light: dark.png, position: top-left}}\nlayout: photo\nimage: {{path: halves.png, alt: \"Half white, half black\"}}\nmessages:\n  - id: m\n    headline: {{en-GB: \"Help?\", ur: \"مدد؟\"}}\n    caption: {{en-GB: \"Get help.\", ur: \"مدد لیں۔\"}}\nplacements:\n  - format: instagram-square\n  - format: six-sheet\n    sites: 2\n",
        head(1, "[en-GB, ur]")
    );
    let path = dir.path().join("campaign.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (c, _) = billposter::campaign::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for (spec, scene, _) in lay_out(&c, &Selection::default()) {
        let rtl = spec.language == "ur";
        let logo = scene.items.iter().find(|i| i.role == Role::Logo).expect("a logo");
        assert_eq!(logo.region.x > scene.width_mm / 2.0, rtl, "{}: the logo at {:?}", spec.key, logo.region);
        let ItemKind::Image(img) = &logo.kind else { panic!() };
        let want: [u8; 3] = if rtl { [255, 255, 255] } else { [0, 90, 80] };
        assert_eq!(&img.bitmap.rgba[..3], &want, "{}: the version that stands out on its half", spec.key);
        let found = preflight::check_scene(&spec, &scene);
        assert!(found.iter().all(|d| !(d.is_error() && d.message.contains("logo"))), "{}: {found:?}", spec.key);
        checked += 1;
    }
    assert_eq!(checked, 4);
}

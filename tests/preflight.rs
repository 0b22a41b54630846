//! Preflight: one fixture per check that fails it, with the code and campaign location pinned,
//! and proof that the bundled campaign is clean.

mod common;
use common::*;
use serde_json::Value;

fn check_json(campaign: &std::path::Path, extra: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut args = vec!["check", campaign.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = billposter(&args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON on stdout: {e}\n{}", stderr(&out)));
    (out.status.code(), v["findings"].as_array().unwrap().clone())
}

/// (fixture, exit code, code, severity, line, column, fragment of the message)
const CASES: &[(&str, i32, &str, &str, u64, u64, &str)] = &[
    ("low-contrast.yaml", 1, "contrast", "error", 18, 15, "headline text #8A8A8A does not stand out from #666666"),
    // The band's text is chosen to read on the accent (colour roles), so the helpline passes; the
    // website on the grey ground cannot.
    ("low-contrast.yaml", 1, "contrast", "error", 14, 12, "website text #8A8A8A does not stand out from #666666"),
    ("kiosk-25m.yaml", 1, "qr", "error", 12, 9, "too small to scan from 25 m"),
    ("kiosk-25m.yaml", 1, "fit", "error", 9, 13, "helpline does not fit on one line at a legible size"),
    ("qr-too-small.yaml", 1, "qr", "error", 12, 9, "too small to scan from 8 m"),
    ("no-hours.yaml", 0, "presence", "warning", 9, 3, "contact.hours is not given"),
    ("caption-too-long.yaml", 1, "caption", "error", 16, 14, "X allows 280"),
    ("file-too-big.yaml", 1, "file-size", "error", 18, 13, "larger than the platform accepts"),
    ("alt-too-long.yaml", 1, "alt-text", "error", 17, 10, "longer than X accepts"),
];

#[test]
fn each_fixture_fails_its_check_at_the_right_place() {
    for &(file, exit, code, severity, line, column, fragment) in CASES {
        let path = fixture(&format!("preflight/{file}"));
        let (status, findings) = check_json(&path, &[]);
        assert_eq!(status, Some(exit), "{file}: exit code; findings: {findings:#?}");
        let hit = findings.iter().find(|f| f["code"] == code && f["message"].as_str().unwrap().contains(fragment));
        let f = hit.unwrap_or_else(|| panic!("{file}: no {code} finding containing {fragment:?} in {findings:#?}"));
        assert_eq!(f["severity"], severity, "{file}");
        assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(line), Some(column)), "{file}: location of {f}");
        assert!(f["file"].as_str().unwrap().ends_with(file), "{file}: {f}");
        for key in ["code", "severity", "asset", "message", "measured", "required", "file", "line", "column"] {
            assert!(f.get(key).is_some(), "{file}: schema lacks {key}");
        }
    }
}

#[test]
fn measured_and_required_values_are_reported() {
    let (_, findings) = check_json(&fixture("preflight/qr-too-small.yaml"), &[]);
    let f = findings.iter().find(|f| f["code"] == "qr").unwrap();
    assert_eq!(f["asset"], "phone-box/help/en-GB");
    assert!(f["measured"].as_str().unwrap().ends_with(" mm"));
    assert_eq!(f["required"], "≥ 800.0 mm (viewing distance ÷ 10, never below 20 mm)");
}

#[test]
fn bundled_campaign_has_no_blocking_finding() {
    let (status, findings) = check_json(&bundled(), &[]);
    assert_eq!(status, Some(0), "{findings:#?}");
    assert!(findings.iter().all(|f| f["severity"] == "warning"), "{findings:#?}");
    // Warnings block only when asked to.
    if !findings.is_empty() {
        let (status, _) = check_json(&bundled(), &["--deny-warnings"]);
        assert_eq!(status, Some(1));
    }
}

#[test]
fn render_refuses_to_write_with_blocking_findings_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let path = fixture("preflight/low-contrast.yaml");
    let out = render(&path, tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(files_below(tmp.path()).is_empty(), "nothing may be written");
    let out = render(&path, tmp.path(), &["--allow-findings"]);
    // Written, but the exit code still says the run had blocking findings.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(tmp.path().join("preflight-test/manifest.json").is_file());
    let m = manifest(&tmp.path().join("preflight-test"));
    let findings = m["assets"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["code"] == "contrast"), "manifest records the findings: {findings:#?}");
}

#[test]
fn each_finding_names_the_assets_it_was_found_on() {
    let out = billposter(&["check", fixture("preflight/low-contrast.yaml").to_str().unwrap()]);
    let text = stderr(&out);
    assert!(text.contains("\n    on instagram-square/help/en-GB\n"), "{text}");
    assert!(text.contains("error[contrast]"), "{text}");
    assert!(text.contains("(measured 1.66:1, required ≥ 4.5:1)"), "{text}");
}

/// Preflight must fail on a bad scene, not only pass on good ones: take a scene layout made,
/// break one thing, and see exactly that check report it.
mod doctored {
    use super::lay_out;
    use billposter::campaign;
    use billposter::layout::{ItemKind, Role, Scene};
    use billposter::plan::{AssetSpec, Selection, Text};
    use billposter::preflight;
    use billposter::qr::{Ec, QrMatrix};
    use billposter::render::raster::{self, RasterOptions};
    use billposter::vocab::{Code, Colour};

    fn phone_box() -> (campaign::Campaign, AssetSpec, Scene) {
        let (c, _) = campaign::load(&super::bundled()).unwrap();
        let sel = Selection { only: Some("phone-box".into()), message: Some("you-will-be-caught".into()) };
        let (spec, scene, _) = lay_out(&c, &sel).remove(0);
        (c, spec, scene)
    }

    fn codes(spec: &AssetSpec, scene: &Scene) -> Vec<(String, Code)> {
        preflight::check_scene(spec, scene).iter().map(|d| (d.message.clone(), d.code)).collect()
    }

    #[test]
    fn the_untouched_scene_is_clean() {
        let (_, spec, scene) = phone_box();
        let errors: Vec<_> = preflight::check_scene(&spec, &scene).into_iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_missing_helpline_is_a_presence_error() {
        let (_, spec, mut scene) = phone_box();
        scene.items.retain(|i| i.role != Role::Helpline);
        assert!(codes(&spec, &scene).iter().any(|(m, code)| *code == "presence" && m.contains("helpline")));
    }

    #[test]
    fn small_type_is_a_legibility_error() {
        let (_, spec, mut scene) = phone_box();
        for i in &mut scene.items {
            if let (Role::Hours, ItemKind::Text(t)) = (i.role, &mut i.kind) {
                t.cap_height_mm = 9.0; // 2 m × 5 mm/m = 10 mm needed
            }
        }
        let d = preflight::check_scene(&spec, &scene);
        let f = d.iter().find(|d| d.code == "legibility" && d.is_error()).expect("legibility error");
        assert_eq!((f.measured.as_deref(), f.required.as_deref()), (Some("9.0 mm"), Some("≥ 10.0 mm")));
        let (c, _, _) = phone_box();
        assert_eq!(f.span, c.contact.hours.as_ref().unwrap().span, "located at the hours field");
    }

    #[test]
    fn text_pushed_out_of_the_safe_area_is_a_fit_error() {
        let (_, spec, mut scene) = phone_box();
        for i in &mut scene.items {
            if let (Role::Website, ItemKind::Text(t)) = (i.role, &mut i.kind) {
                t.lines[0].rect.x = 5.0; // inside the 30 mm safe margin
            }
        }
        assert!(codes(&spec, &scene).iter().any(|(m, code)| *code == "fit" && m.contains("website")));
    }

    /// Presence means visible: a helpline moved above the top of the page (overflowing copy on
    /// a 48-sheet) is in the scene but not on the poster.
    #[test]
    fn a_helpline_pushed_off_the_page_fails_presence() {
        let (_, spec, mut scene) = phone_box();
        for i in &mut scene.items {
            if let (Role::Helpline, ItemKind::Text(t)) = (i.role, &mut i.kind) {
                for l in &mut t.lines {
                    l.rect.y -= 2000.0;
                }
            }
        }
        let d = preflight::check_scene(&spec, &scene);
        let p = d.iter().find(|d| d.code == "presence" && d.is_error()).expect("presence error");
        assert!(p.message.contains("the helpline is not on the page"), "{}", p.message);
        assert_eq!(p.span, spec.copy.helpline.span, "located at contact.helpline");
        // The fit finding names the element and says by how much.
        let f = d.iter().find(|d| d.code == "fit" && d.message.starts_with("helpline")).expect("fit error");
        assert!(f.message.contains("mm outside the safe area") && f.measured.is_some() && f.required.is_some(), "{f:?}");
    }

    #[test]
    fn a_helpline_painted_over_fails_presence() {
        let (_, spec, mut scene) = phone_box();
        let helpline = scene.items.iter().find(|i| i.role == Role::Helpline).cloned().unwrap();
        let ItemKind::Text(t) = &helpline.kind else { panic!("helpline is text") };
        let cover = billposter::layout::Item {
            role: Role::Background,
            span: helpline.span,
            region: t.lines[0].rect,
            kind: ItemKind::Fill { rect: t.lines[0].rect, colour: Colour::BLACK },
        };
        scene.items.push(cover);
        let d = preflight::check_scene(&spec, &scene);
        assert!(d.iter().any(|d| d.code == "presence" && d.message.contains("the helpline is covered")), "{d:#?}");
    }

    #[test]
    fn a_weak_helpline_contrast_warns_and_a_bad_one_blocks() {
        let (_, spec, mut scene) = phone_box();
        let set = |scene: &mut Scene, hex: &str| {
            for i in &mut scene.items {
                if let ItemKind::Fill { colour, .. } = &mut i.kind {
                    *colour = Colour::from_hex(hex).unwrap();
                }
            }
        };
        set(&mut scene, "#8A94A8"); // navy on grey-blue: between 4.5:1 and 7:1
        let d = preflight::check_scene(&spec, &scene);
        assert!(d.iter().any(|d| d.code == "contrast" && !d.is_error() && d.message.contains("helpline")), "{d:?}");
        set(&mut scene, "#3A4A66");
        let d = preflight::check_scene(&spec, &scene);
        assert!(d.iter().any(|d| d.code == "contrast" && d.is_error() && d.message.contains("helpline")), "{d:?}");
    }

    #[test]
    fn a_code_that_reads_as_another_link_is_a_qr_error() {
        let (_, spec, mut scene) = phone_box();
        for i in &mut scene.items {
            if let ItemKind::Qr(q) = &mut i.kind {
                // Same size and position, different payload: what a stale or swapped code would be.
                let other = QrMatrix::encode("https://example.com/not-the-helpline-site-at-all-but-long-enough", Ec::Q).unwrap();
                assert!(other.size <= q.matrix.size);
                let shift = (q.matrix.size - other.size) as f32 * q.module_mm / 2.0;
                q.rect.x += shift;
                q.rect.y += shift;
                q.rect.w -= 2.0 * shift;
                q.rect.h -= 2.0 * shift;
                q.matrix = other;
            }
        }
        let (width, height) = spec.px;
        let r = raster::render(&scene, &RasterOptions { width, height });
        let d = preflight::check_pixels(&spec, &scene, &r);
        let f = d.iter().find(|d| d.code == "qr").expect("qr error from the pixels");
        assert_eq!(f.measured.as_deref(), Some("https://example.com/not-the-helpline-site-at-all-but-long-enough"));
    }

    #[test]
    fn a_helpline_the_backend_did_not_draw_is_absent_from_the_pixels() {
        let (_, spec, scene) = phone_box();
        let (width, height) = spec.px;
        // The scene as laid out passes on its own pixels (no false alarm) ...
        let r = raster::render(&scene, &RasterOptions { width, height });
        let d = preflight::check_pixels(&spec, &scene, &r);
        assert!(d.iter().all(|d| d.code != "presence"), "{d:?}");
        // ... but pixels drawn without the helpline's glyphs fail it, though the scene holds it.
        let mut drawn = scene.clone();
        for i in &mut drawn.items {
            if let ItemKind::Text(t) = &mut i.kind
                && i.role == Role::Helpline
            {
                t.runs.clear();
            }
        }
        let r = raster::render(&drawn, &RasterOptions { width, height });
        let d = preflight::check_pixels(&spec, &scene, &r);
        let f = d.iter().find(|d| d.code == "presence").expect("presence error from the pixels");
        assert!(f.message.contains("helpline line \"0808 1000 900\" is in the layout but not in the rendered image"), "{}", f.message);
    }

    #[test]
    fn a_tile_too_tight_for_the_quiet_zone_is_a_qr_error() {
        let (_, spec, mut scene) = phone_box();
        for i in &mut scene.items {
            if let ItemKind::Qr(q) = &mut i.kind {
                let cut = 2.0 * q.module_mm; // two modules of quiet zone gone on each side
                q.rect = billposter::vocab::units::Rect::new(q.rect.x + cut, q.rect.y + cut, q.rect.w - 2.0 * cut, q.rect.h - 2.0 * cut);
            }
        }
        let d = preflight::check_scene(&spec, &scene);
        let f = d.iter().find(|d| d.code == "qr" && d.message.contains("quiet zone")).expect("quiet zone error");
        assert_eq!(f.measured.as_deref(), Some("2.0 modules"));
    }

    #[test]
    fn alt_text_without_the_helpline_is_an_error() {
        let (c, _, _) = phone_box();
        let sel = Selection { only: Some("instagram-square".into()), message: Some("you-will-be-caught".into()) };
        let (mut spec, scene, _) = lay_out(&c, &sel).remove(0);
        let span = spec.alt.as_ref().expect("a social asset has alt text").span;
        spec.alt = Some(Text::new("You will be caught. You risk losing everything.", span));
        let d = preflight::check_scene(&spec, &scene);
        assert!(d.iter().any(|d| d.code == "alt-text" && d.message.contains("helpline number")), "{d:?}");
    }
}

#[test]
fn campaign_errors_are_json_findings_too() {
    let out = billposter(&["check", fixture("bad/weeks-53.yaml").to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let f = &v["findings"][0];
    assert_eq!((f["code"].as_str(), f["line"].as_u64(), f["column"].as_u64()), (Some("campaign"), Some(9), Some(10)));
}

#[test]
fn a_logo_the_colour_of_its_ground_is_a_contrast_error() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("good/with-logo.yaml")).unwrap().replace("  background: {cmyk: [100, 80, 20, 40]}", "  background: \"#0B2545\"");
    std::fs::write(tmp.path().join("c.yaml"), &text).unwrap();
    // A logo drawn in the background's own navy, on a transparent ground: it vanishes.
    let logo = |rgb: [u8; 3]| {
        image::RgbaImage::from_fn(240, 80, |x, y| {
            if (20..220).contains(&x) && (20..60).contains(&y) { image::Rgba([rgb[0], rgb[1], rgb[2], 255]) } else { image::Rgba([0, 0, 0, 0]) }
        })
    };
    logo([0x0B, 0x25, 0x45]).save(tmp.path().join("logo.png")).unwrap();
    let (status, findings) = check_json(&tmp.path().join("c.yaml"), &[]);
    assert_eq!(status, Some(1), "{findings:#?}");
    let f = findings.iter().find(|f| f["code"] == "contrast" && f["message"].as_str().unwrap().contains("logo disappears")).expect("a logo contrast error");
    assert_eq!(f["measured"], "0% of its pixels at ≥ 3:1");
    assert_eq!(f["line"].as_u64(), Some(10), "located at brand.logo");
    // The same logo in white stands out: no finding.
    logo([255, 255, 255]).save(tmp.path().join("logo.png")).unwrap();
    let (status, findings) = check_json(&tmp.path().join("c.yaml"), &[]);
    assert!(!findings.iter().any(|f| f["message"].as_str().unwrap().contains("logo")), "{findings:#?}");
    assert_eq!(status, Some(0));
}

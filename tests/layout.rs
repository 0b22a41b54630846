//! Layout invariants, checked on the scenes of the bundled campaign and of hard fixtures.

mod common;
use billposter::campaign;
use billposter::layout::{ItemKind, Role, Scene};
use billposter::plan::Selection;
use billposter::vocab::units::Rect;
use common::*;

fn scenes(path: &std::path::Path) -> Vec<(billposter::plan::AssetSpec, Scene, Vec<billposter::vocab::Diagnostic>)> {
    let (c, _) = campaign::load(path).unwrap_or_else(|e| panic!("{e}"));
    lay_out(&c, &Selection::default())
}

fn text_rect(scene: &Scene, role: Role) -> Option<(Rect, usize, f32)> {
    scene.texts().find(|(i, _)| i.role == role).map(|(_, t)| (t.bounds, t.lines.len(), t.size_mm))
}

#[test]
fn contact_lines_never_break_and_everything_stays_in_the_safe_area() {
    for (spec, scene, diags) in scenes(&bundled()) {
        assert!(diags.iter().all(|d| !d.is_error()), "{}: {diags:?}", spec.key);
        for role in [Role::Helpline, Role::Hours, Role::Website, Role::HelplineNote] {
            let (_, lines, _) = text_rect(&scene, role).unwrap_or_else(|| panic!("{}: no {role:?}", spec.key));
            assert_eq!(lines, 1, "{}: {role:?} broke over {lines} lines", spec.key);
        }
        let mut boxes: Vec<(Role, Rect)> = Vec::new();
        for item in &scene.items {
            let r = match &item.kind {
                ItemKind::Text(t) => {
                    for l in &t.lines {
                        assert!(scene.safe.contains(&l.rect, 0.01), "{}: {:?} line {:?} outside safe area {:?}", spec.key, item.role, l.rect, scene.safe);
                    }
                    t.bounds
                }
                ItemKind::Qr(q) => {
                    assert!(scene.safe.contains(&q.rect, 0.01), "{}: QR outside safe area", spec.key);
                    q.rect
                }
                _ => continue,
            };
            for (other, o) in &boxes {
                assert!(!r.intersects(o), "{}: {:?} overlaps {:?}", spec.key, item.role, other);
            }
            boxes.push((item.role, r));
        }
        // Hierarchy: headline largest, the helpline number above every supporting line.
        let (_, _, head) = text_rect(&scene, Role::Headline).unwrap();
        let (_, _, number) = text_rect(&scene, Role::Helpline).unwrap();
        assert!(head >= number * 0.99, "{}: headline {head} smaller than number {number}", spec.key);
        for role in [Role::Hours, Role::HelplineNote, Role::Website, Role::Imprint, Role::Body] {
            let (_, _, s) = text_rect(&scene, role).unwrap();
            assert!(number > s, "{}: {role:?} ({s}) not smaller than the number ({number})", spec.key);
        }
    }
}

#[test]
fn no_headline_or_body_ends_on_a_lone_word() {
    for path in [bundled(), fixture("good/bilingual.yaml"), fixture("good/long-headline.yaml")] {
        for (spec, scene, _) in scenes(&path) {
            for (item, t) in scene.texts().filter(|(i, _)| matches!(i.role, Role::Headline | Role::Body)) {
                if t.lines.len() < 2 || t.text.split_whitespace().count() < 4 {
                    continue;
                }
                let last = &t.text[t.lines.last().unwrap().text.clone()];
                let words = last.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).count();
                assert!(words >= 2, "{}: {:?} ends on a lone word: {last:?}", spec.key, item.role);
            }
        }
    }
}

#[test]
fn a_long_headline_shrinks_but_stays_legible_or_is_reported() {
    let (c, _) = campaign::load(&fixture("good/long-headline.yaml")).unwrap();
    let laid = lay_out(&c, &Selection::default());
    for (spec, scene, diags) in &laid {
        let (_, _, size) = text_rect(scene, Role::Headline).unwrap();
        let cap = billposter::fonts::cap_ratio(&spec.style.headline_font.bytes);
        let floor = spec.format.min_cap_mm(cap) / cap;
        assert!(size >= floor * 0.999, "{}: headline {size} below the legibility floor {floor}", spec.key);
        let fit_errors = diags.iter().filter(|d| d.code == "fit").count();
        match spec.message.ordinal {
            // "medium": shrinks and fits everywhere.
            0 => assert_eq!(fit_errors, 0, "{}: {diags:?}", spec.key),
            // "huge": cannot fit the social formats at their legibility floor: reported, never
            // clipped. (A 1.2 × 1.8 m phone box read from 2 m holds it at 14 mm type.)
            _ if spec.format.kind != billposter::vocab::Kind::Print => {
                assert!(fit_errors > 0, "{}: an impossible headline was not reported", spec.key)
            }
            _ => {}
        }
    }
    // The binary refuses to write it: exit 1, nothing written.
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&fixture("good/long-headline.yaml"), tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[fit]"));
    assert!(files_below(tmp.path()).is_empty());
}

#[test]
fn glyph_runs_carry_the_source_text() {
    for (spec, scene, _) in scenes(&bundled()) {
        for (item, t) in scene.texts() {
            let mut covered = vec![false; t.text.len()];
            for run in &t.runs {
                for g in &run.glyphs {
                    covered[g.text.clone()].iter_mut().for_each(|c| *c = true);
                }
            }
            for (i, ch) in t.text.char_indices() {
                assert!(covered[i] || ch.is_whitespace(), "{}: {:?} char {ch:?} has no glyph", spec.key, item.role);
            }
        }
    }
}

#[test]
fn the_band_text_reads_on_any_brand_accent() {
    use billposter::vocab::Colour;
    let band_texts = |path: &std::path::Path| -> Vec<(String, Colour, Colour, usize)> {
        scenes(path)
            .into_iter()
            .map(|(spec, scene, diags)| {
                let (_, block) = scene.texts().find(|(i, _)| i.role == Role::Helpline).expect("a helpline");
                (spec.key.clone(), block.colour, spec.style.accent, diags.iter().filter(|d| d.is_error()).count())
            })
            .collect()
    };
    // Teal, white and yellow: no brand colour reads on the yellow band, so near-black does.
    let teal = band_texts(&fixture("good/teal.yaml"));
    assert!(!teal.is_empty());
    for (key, text, accent, errors) in &teal {
        assert!(text.contrast(accent) >= 7.0, "{key}: band text {:?} on {:?} is {:.2}:1", text.srgb, accent.srgb, text.contrast(accent));
        assert_eq!(text.srgb, [0x1A, 0x1A, 0x1A], "{key}: near-black");
        assert_eq!(*errors, 0, "{key}");
    }
    let out = billposter(&["check", fixture("good/teal.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "the teal brand renders without findings:\n{}", stderr(&out));
    assert!(!stderr(&out).contains("warning["), "{}", stderr(&out));

    // The bundled navy band text is a brand colour that passes 7:1: kept.
    for (key, text, _, _) in band_texts(&bundled()) {
        assert_eq!(text.srgb, [0x0B, 0x25, 0x45], "{key}: the brand's navy stays");
    }

    // brand.accent_text names it outright, and preflight holds it to the contrast rule.
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c.yaml");
    let text =
        std::fs::read_to_string(fixture("good/teal.yaml")).unwrap().replace("  accent: \"#FFC20E\"", "  accent: \"#FFC20E\"\n  accent_text: \"#00796B\"");
    std::fs::write(&c, text).unwrap();
    let out = billposter(&["check", c.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "teal on yellow fails contrast:\n{}", stderr(&out));
    assert!(stderr(&out).contains("error[contrast]") && stderr(&out).contains("helpline"), "{}", stderr(&out));
}

#[test]
fn roadside_placements_print_the_short_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c.yaml");
    let text = std::fs::read_to_string(bundled()).unwrap();
    let at = text.find("  - id: you-will-be-caught\n").expect("the message");
    let end = at + text[at..].find("\n").unwrap() + 1;
    let short = "    short:\n      headline: \"You will be caught.\"\n      body: \"\"\n";
    std::fs::write(&c, format!("{}{short}{}", &text[..end], &text[end..])).unwrap();
    let (campaign, _) = campaign::load(&c).unwrap_or_else(|e| panic!("{e}"));
    let mut seen = 0;
    for (spec, scene, _) in lay_out(&campaign, &Selection { only: None, message: Some("you-will-be-caught".into()) }) {
        let headline = scene.texts().find(|(i, _)| i.role == Role::Headline).map(|(_, t)| t.text.replace('\u{a0}', " ")).unwrap();
        let has_body = scene.texts().any(|(i, _)| i.role == Role::Body);
        if spec.format.roadside {
            assert_eq!(headline, "You will be caught.", "{}: roadside prints the short headline", spec.key);
            assert!(!has_body, "{}: an empty short body leaves the body off", spec.key);
        } else {
            assert!(headline.starts_with("You will be caught. You risk"), "{}: {headline}", spec.key);
            assert!(has_body, "{}: the full copy keeps its body", spec.key);
        }
        seen += 1;
    }
    assert!(seen >= 3, "{seen} assets");
}

//! Campaigns in every language their audience reads: real shaping (Arabic-script contextual
//! forms and ligatures, right-to-left glyph order), the fallback chain picking the right font
//! in the right weight, missing characters named in reading order, the mirrored composition
//! with the helpline and web address left to right, generated words per language, fit with a
//! 40% longer language, and the outputs read back by independent readers (zbarimg, pdftotext).

mod common;
use billposter::campaign;
use billposter::layout::scene::{GlyphRun, TextBlock};
use billposter::layout::{ItemKind, Role, Scene};
use billposter::plan::{AssetSpec, Selection};
use billposter::vocab::Severity;
use common::*;
use skrifa::{FontRef, MetadataProvider};
use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> PathBuf {
    root().join("campaigns/examples/languages.yaml")
}

/// The example campaign's assets of one format, laid out through the library.
fn example_assets(format: &str) -> Vec<(AssetSpec, Scene, Vec<billposter::vocab::Diagnostic>)> {
    let (c, _) = campaign::load(&example()).unwrap_or_else(|d| panic!("example campaign must load: {d}"));
    lay_out(&c, &Selection { only: Some(format.into()), message: None })
}

fn asset<'a>(all: &'a [(AssetSpec, Scene, Vec<billposter::vocab::Diagnostic>)], lang: &str) -> &'a (AssetSpec, Scene, Vec<billposter::vocab::Diagnostic>) {
    all.iter().find(|(s, _, _)| s.language == lang).unwrap_or_else(|| panic!("no {lang} asset"))
}

fn text(scene: &Scene, role: Role) -> &TextBlock {
    scene.texts().find(|(i, _)| i.role == role).map(|(_, t)| t).unwrap_or_else(|| panic!("no {role:?}"))
}

fn font_name(run: &GlyphRun) -> String {
    run.font.path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The font file each character of a text block is drawn from.
fn fonts_of(t: &TextBlock, ch: char) -> Vec<String> {
    let mut out: Vec<String> = t.runs.iter().filter(|r| r.glyphs.iter().any(|g| t.text[g.text.clone()].contains(ch))).map(font_name).collect();
    out.dedup();
    out
}

#[test]
fn example_campaign_checks_clean_of_errors_in_six_languages() {
    let out = billposter(&["check", example().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all = example_assets("print");
    let langs: Vec<&str> = all.iter().map(|(s, _, _)| s.language.as_str()).collect();
    assert_eq!(langs, ["en-GB", "gd", "pl", "ur", "ar", "pa"]);
    for (s, _, d) in &all {
        assert!(d.iter().all(|d| d.severity != Severity::Error), "{}: {d:?}", s.key);
    }
}

#[test]
fn fallback_picks_the_font_that_draws_each_script_in_the_role_weight() {
    let all = example_assets("phone-box");
    // Polish and Gaelic are wholly in the brand font (Atkinson has ą ę ł ś ż and à è ì ò ù).
    for lang in ["pl", "gd", "en-GB"] {
        let (_, scene, _) = asset(&all, lang);
        for (item, t) in scene.texts() {
            for r in &t.runs {
                assert!(font_name(r).starts_with("AtkinsonHyperlegible"), "{lang} {:?} drawn with {}", item.role, font_name(r));
            }
        }
    }
    let (_, ur, _) = asset(&all, "ur");
    assert_eq!(fonts_of(text(ur, Role::Headline), 'ک'), ["NotoNaskhArabic-Bold.ttf"], "Urdu headline: bold Naskh");
    assert_eq!(fonts_of(text(ur, Role::Body), 'ک'), ["NotoNaskhArabic-Regular.ttf"], "Urdu body: regular Naskh");
    // The digits in Urdu hours stay in the brand font: fallback is per character, brand first.
    assert_eq!(fonts_of(text(ur, Role::Hours), '9'), ["AtkinsonHyperlegible-Regular.ttf"]);
    for (_, t) in ur.texts().filter(|(i, _)| matches!(i.role, Role::Helpline | Role::Website)) {
        assert!(t.runs.iter().all(|r| font_name(r) == "AtkinsonHyperlegible-Bold.ttf"), "helpline and web address in the brand font");
    }
    let (_, pa, _) = asset(&all, "pa");
    assert_eq!(fonts_of(text(pa, Role::Headline), 'ਕ'), ["NotoSansGurmukhi-Bold.ttf"]);
    assert_eq!(fonts_of(text(pa, Role::Body), 'ਗ'), ["NotoSansGurmukhi-Regular.ttf"]);

    // A letter Atkinson lacks (Cyrillic) comes from Noto Sans, bold in the headline and regular
    // in the body; Latin letters and digits in the same text stay in the brand font. (Welsh ŵ
    // needs no fallback: parley draws it as w and Atkinson's combining circumflex.)
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: \"Допомога 24/7\"\n    body: \"Допомога, SOS\"\n    caption: \"{{helpline}}\"\nplacements:\n  - format: instagram-square\nwords:\n  uk:\n    helpline: \"Гаряча лінія\"\n",
        head(1, "[uk]")
    );
    let c = load_yaml(&yaml);
    let laid = lay_out(&c, &Selection::default());
    let (spec, scene, diags) = &laid[0];
    assert!(diags.iter().all(|d| d.severity != Severity::Error), "{diags:?}");
    assert_eq!(fonts_of(text(scene, Role::Headline), 'Д'), ["NotoSans-Bold.ttf"]);
    assert_eq!(fonts_of(text(scene, Role::Body), 'Д'), ["NotoSans-Regular.ttf"]);
    assert_eq!(fonts_of(text(scene, Role::Headline), '2'), ["AtkinsonHyperlegible-Bold.ttf"]);
    assert_eq!(fonts_of(text(scene, Role::Body), 'S'), ["AtkinsonHyperlegible-Regular.ttf"]);
    assert!(spec.alt.as_ref().unwrap().text.contains("Гаряча лінія 0808 1000 900"), "words: given by the campaign");
}

/// The glyph the font maps a character to on its own (its isolated form).
fn nominal(run: &GlyphRun, ch: char) -> u32 {
    FontRef::new(&run.font.bytes).unwrap().charmap().map(ch).unwrap().to_u32()
}

#[test]
fn arabic_script_is_shaped_contextual_forms_ligatures_and_right_to_left_order() {
    let all = example_assets("phone-box");
    let (_, ar, _) = asset(&all, "ar");
    let h = text(ar, Role::Headline);
    // "قلق": the same letter ق opens and closes the word, so it takes its initial and its final
    // form: two different glyphs, neither of them the isolated form.
    let word = h.text.find("قلق").expect("the word is in the headline");
    let run = h.runs.iter().find(|r| r.glyphs.iter().any(|g| g.text.start == word)).unwrap();
    let first = run.glyphs.iter().find(|g| g.text.start == word).unwrap();
    let last = run.glyphs.iter().find(|g| g.text.start == word + "قل".len()).unwrap();
    let isolated = nominal(run, 'ق');
    assert_ne!(first.id, last.id, "initial and final ق are different glyphs");
    assert_ne!(first.id, isolated, "initial ق is not the isolated form");
    assert_ne!(last.id, isolated, "final ق is not the isolated form");
    // Right to left: the first letter of the word is drawn to the right of the last.
    assert!(first.x > last.x, "ق…ق: first at {} mm, last at {} mm", first.x, last.x);
    // Within every Naskh run, glyphs left to right go backwards through the text.
    for r in h.runs.iter().filter(|r| font_name(r).starts_with("NotoNaskh")) {
        for w in r.glyphs.windows(2) {
            assert!(w[0].x <= w[1].x && w[1].text.start <= w[0].text.start, "visual order is reverse logical order");
        }
    }
    // Lam-alef: alef after lam takes its lam-alef form (Noto Naskh draws the pair as a lam form
    // and a zero-width alef form over it; other fonts use one ligature glyph), unlike every
    // other alef of the headline (Urdu "لائن", Arabic "الإنترنت").
    for lang in ["ur", "ar"] {
        let (_, s, _) = asset(&all, lang);
        let h = text(s, Role::Headline);
        let glyphs: Vec<_> = h.runs.iter().flat_map(|r| &r.glyphs).collect();
        let after_lam = |g: &&billposter::layout::scene::Glyph| h.text[..g.text.start].ends_with('ل');
        let alefs = |lam: bool| {
            glyphs.iter().filter(|g| h.text[g.text.clone()].starts_with(['ا', 'إ', 'آ']) && after_lam(g) == lam).map(|g| (g.id, g.advance)).collect::<Vec<_>>()
        };
        let ligature = glyphs.iter().any(|g| h.text[g.text.clone()].starts_with('ل') && h.text[g.text.clone()].chars().count() >= 2);
        let (paired, others) = (alefs(true), alefs(false));
        assert!(
            ligature || (!paired.is_empty() && paired.iter().all(|(id, adv)| *adv == 0.0 && others.iter().all(|(o, _)| o != id))),
            "{lang}: lam-alef shaped: {paired:?} vs {others:?}"
        );
    }
}

#[test]
fn right_to_left_assets_are_mirrored_with_the_number_and_web_address_left_to_right() {
    for format in ["phone-box", "instagram-square"] {
        let all = example_assets(format);
        let (_, en, _) = asset(&all, "en-GB");
        let (_, ur, _) = asset(&all, "ur");
        let mid = ur.width_mm / 2.0;
        let qr = |s: &Scene| s.qr().expect("a QR").rect;
        assert!(qr(en).x + qr(en).w < mid, "{format}: English QR on the left");
        assert!(qr(ur).x > mid, "{format}: Urdu QR on the right");
        // Headline and body lines end at the safe area's right edge (right aligned) in Urdu,
        // start at its left edge in English.
        for role in [Role::Headline, Role::Body] {
            for l in &text(ur, role).lines {
                assert!((l.rect.right() - ur.safe.right()).abs() < 0.01, "{format} ur {role:?}: line ends at {} not {}", l.rect.right(), ur.safe.right());
            }
            for l in &text(en, role).lines {
                assert!((l.rect.x - en.safe.x).abs() < 0.01, "{format} en {role:?}: line starts at the left");
            }
        }
        // The ink stays inside the safe area after mirroring.
        for (item, t) in ur.texts() {
            // Trailing spaces hang outside the line (at its left in right-to-left text): no ink.
            for g in t.runs.iter().flat_map(|r| &r.glyphs).filter(|g| !t.text[g.text.clone()].trim().is_empty()) {
                assert!(
                    g.x >= ur.safe.x - 0.5 && g.x + g.advance <= ur.safe.right() + 0.5,
                    "{format} ur {:?}: glyph at {} outside the safe area",
                    item.role,
                    g.x
                );
            }
        }
        // The helpline and the web address: one line each, digits and letters left to right.
        for role in [Role::Helpline, Role::Website] {
            let t = text(ur, role);
            assert_eq!(t.lines.len(), 1, "{role:?} unbroken");
            let glyphs: Vec<_> = t.runs.iter().flat_map(|r| &r.glyphs).collect();
            for w in glyphs.windows(2) {
                assert!(w[0].x < w[1].x && w[0].text.start < w[1].text.start, "{role:?} left to right");
            }
            assert!(t.bounds.right() > mid, "{format}: the Urdu {role:?} sits right");
        }
        // The English helpline sits left, as before.
        assert!(text(en, Role::Helpline).bounds.x < mid);
    }
}

#[test]
fn a_language_forty_percent_longer_still_fits() {
    let en = "Worried about your online behaviour? Get help now.";
    let pl = "Niepokoi Cię Twoje zachowanie w internecie? Poproś o pomoc i wsparcie już teraz.";
    let ratio = pl.chars().count() as f32 / en.chars().count() as f32;
    assert!(ratio >= 1.4, "the Polish headline is {ratio:.2} times the English");
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: {{en-GB: \"{en}\", pl: \"{pl}\"}}\n    body: {{en-GB: \"Talk to us in confidence.\", pl: \"Porozmawiaj z nami w zaufaniu, nie musisz podawać nazwiska.\"}}\nplacements:\n  - format: billboard-48\n    sites: 2\n  - format: phone-box\n    sites: 2\n  - format: d6\n  - format: instagram-square\n  - format: instagram-story\n  - format: x-post\n",
        head(1, "[en-GB, pl]")
    );
    let c = load_yaml(&yaml);
    let laid = lay_out(&c, &Selection::default());
    assert_eq!(laid.iter().filter(|(s, _, _)| s.language == "pl").count(), 6);
    for (s, _, d) in &laid {
        assert!(d.iter().all(|d| d.severity != Severity::Error), "{}: {d:?}", s.key);
    }
}

#[test]
fn a_character_no_font_draws_is_an_error_naming_the_text_and_the_characters_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    // Two Chinese characters inside an Urdu headline: visual order (right to left) would list
    // 文 first; reading order is 中 then 文.
    let yaml = format!("{}messages:\n  - id: mixed\n    headline: \"کیا 中 آپ 文 مدد\"\nplacements:\n  - format: instagram-square\n", head(1, "[ur]"));
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, &yaml).unwrap();
    let out = billposter(&["check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    let line = err.lines().find(|l| l.contains("error[glyph]")).unwrap_or_else(|| panic!("no glyph error:\n{err}"));
    assert!(line.contains("'中' (U+4E2D), '文' (U+6587)"), "reading order: {line}");
    assert!(line.contains("headline of message mixed (ur)"), "names the text: {line}");
    assert!(line.contains("c.yaml:"), "located: {line}");
    assert!(err.contains("brand.fonts.fallback"), "says which key adds a font: {err}");

    // A font the campaign gives under brand.fonts.fallback draws what the bundled ones cannot
    // (Georgian here, from DejaVu Sans: no CJK font is available offline to test Chinese with).
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    std::fs::copy(dejavu, dir.path().join("DejaVuSans.ttf")).expect("fonts-dejavu-core is installed (.ci/run)");
    let georgian = |fonts: &str| {
        format!(
            "{}{fonts}messages:\n  - id: ka\n    headline: \"დახმარება\"\n    alt: \"დახმარება {{helpline}}, {{hours}}\"\n    caption: \"დახმარება {{helpline}}\"\nplacements:\n  - format: instagram-square\n",
            head(1, "[ka]")
        )
    };
    std::fs::write(&path, georgian("")).unwrap();
    let out = billposter(&["check", path.to_str().unwrap()]);
    assert!(stderr(&out).contains("'დ' (U+10D3), 'ა' (U+10D0), 'ხ' (U+10EE)"), "{}", stderr(&out));
    std::fs::write(&path, georgian("brand:\n  fonts:\n    fallback: [DejaVuSans.ttf]\n")).unwrap();
    let out = billposter(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (c, _) = campaign::load(&path).unwrap();
    let laid = lay_out(&c, &Selection::default());
    assert_eq!(fonts_of(text(&laid[0].1, Role::Headline), 'დ'), ["DejaVuSans.ttf"]);
}

#[test]
fn generated_words_are_in_the_asset_language() {
    let all = example_assets("instagram-square");
    let alt = |lang: &str| asset(&all, lang).0.alt.as_ref().unwrap().text.clone();
    assert!(alt("en-GB").contains("Helpline 0808 1000 900, Mon–Fri 9am–5pm. stopitnow.org.uk"), "{}", alt("en-GB"));
    assert!(alt("gd").contains("Loidhne-chuideachaidh 0808 1000 900"), "{}", alt("gd"));
    assert!(alt("pl").contains("Telefon zaufania 0808 1000 900"), "{}", alt("pl"));
    assert!(alt("ur").contains("ہیلپ لائن 0808 1000 900، "), "Urdu label and comma: {}", alt("ur"));
    assert!(alt("ur").contains("شام 5۔ stopitnow.org.uk"), "Urdu full stop: {}", alt("ur"));
    assert!(alt("ar").contains("خط المساعدة 0808 1000 900"), "{}", alt("ar"));
    assert!(alt("pa").contains("ਹੈਲਪਲਾਈਨ 0808 1000 900"), "{}", alt("pa"));
    for lang in ["gd", "pl", "ur", "ar", "pa"] {
        assert!(!alt(lang).contains("Helpline"), "{lang}: no English in its alt text: {}", alt(lang));
    }

    // A language without built-in words must give them: a located error naming the key.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    let fa = |words: &str| {
        format!("{}messages:\n  - id: m\n    headline: \"به کمک نیاز دارید؟\"\nplacements:\n  - format: instagram-square\n{words}", head(1, "[en-GB, fa]"))
    };
    std::fs::write(&path, fa("")).unwrap();
    let out = billposter(&["check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("c.yaml:6:22: error[campaign]: language fa has no built-in words"), "{err}");
    assert!(err.contains("missing: words.fa.helpline"), "{err}");
    assert!(err.contains("helpline: \"…\""), "the hint shows what to type: {err}");
    std::fs::write(&path, fa("words:\n  fa:\n    helpline: \"خط کمک\"\n")).unwrap();
    let (c, _) = campaign::load(&path).unwrap_or_else(|d| panic!("{d}"));
    let laid = lay_out(&c, &Selection::default());
    let alt = laid.iter().find(|(s, _, _)| s.language == "fa").unwrap().0.alt.clone().unwrap().text;
    assert!(alt.starts_with("به کمک نیاز دارید؟ خط کمک 0808 1000 900، "), "{alt}");
}

/// Text that pdftotext gives back, with poppler's bidi embedding marks taken out and all
/// white space as single spaces.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout", pdf.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    let raw = String::from_utf8(out.stdout).unwrap();
    let clean: String = raw.chars().filter(|c| !('\u{202A}'..='\u{202E}').contains(c)).collect();
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn rendered_outputs_read_back_pdf_text_in_logical_order_and_every_qr_decodes() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(&example(), dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let root = dir.path().join("languages-example");
    let (c, _) = campaign::load(&example()).unwrap();
    let m = &c.messages[0];
    for lang in ["pl", "ur", "gd", "en-GB"] {
        let pdf = root.join(format!("print/phone-box_worried-about-yourself_{lang}_25pct.pdf"));
        let got = pdf_text(&pdf);
        for want in [m.headline.get(lang), m.body.as_ref().unwrap().get(lang)] {
            // Lines may break anywhere a space was; hyphenated words break after the hyphen.
            let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(got.replace("- ", "-").contains(&want), "{lang}: pdftotext gave {got:?}, wanted {want:?}");
        }
        assert!(got.contains("0808 1000 900") && got.contains("stopitnow.org.uk"), "{lang}: {got}");
        let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        for l in fonts.lines().skip(2) {
            assert!(l.contains(" yes yes yes "), "{lang}: every font embedded, subset, with ToUnicode: {l}");
        }
        if lang == "ur" {
            assert!(fonts.contains("NotoNaskhArabic-Bold") && fonts.contains("NotoNaskhArabic-Regular"), "{fonts}");
        }
    }
    for lang in ["en-GB", "gd", "pl", "ur", "ar", "pa"] {
        for file in [format!("social/instagram-square_worried-about-yourself_{lang}.png"), format!("print/phone-box_worried-about-yourself_{lang}_proof.png")] {
            // zbarimg: independent of the decoders preflight uses (rxing, rqrr).
            let codes = decode_qr(&root.join(&file));
            assert_eq!(codes.len(), 1, "{file}: {codes:?}");
            assert!(codes[0].starts_with("https://www.stopitnow.org.uk/?utm_source="), "{file}: {codes:?}");
        }
        let alt = std::fs::read_to_string(root.join(format!("social/instagram-square_worried-about-yourself_{lang}.alt.txt"))).unwrap();
        assert!(alt.contains(c.messages[0].headline.get(lang).trim_end_matches(['.', '۔'])), "{lang}: {alt}");
    }
}

#[test]
fn glyph_runs_of_a_scene_name_only_bundled_or_campaign_fonts() {
    // Deterministic and machine-independent: every run's font is a bundled file.
    let all = example_assets("instagram-square");
    for (s, scene, _) in &all {
        for (_, t) in scene.texts() {
            for r in &t.runs {
                assert!(r.font.path.starts_with("<bundled>"), "{}: {}", s.key, r.font.path.display());
                assert!(r.glyphs.iter().all(|g| g.id != 0), "{}: no .notdef box", s.key);
            }
        }
        let _ = scene.items.iter().filter(|i| matches!(i.kind, ItemKind::Qr(_))).count();
    }
}

#[test]
fn a_phone_number_inside_right_to_left_copy_reads_left_to_right_and_never_breaks() {
    // With plain spaces between the groups, bidi would show "900 1000 0808" in an Urdu
    // sentence; the groups are tied, so the digits run left to right in reading order.
    let body = "ہمیں 0808 1000 900 پر کال کریں، ہم آپ کی بات رازداری سے سنیں گے اور مدد کریں گے";
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: \"ابھی مدد حاصل کریں\"\n    body: \"{body}\"\n    caption: \"{{helpline}}\"\nplacements:\n  - format: instagram-square\n  - format: phone-box\n    sites: 1\n",
        head(1, "[ur]")
    );
    let c = load_yaml(&yaml);
    for (spec, scene, diags) in lay_out(&c, &Selection::default()) {
        assert!(diags.iter().all(|d| d.severity != Severity::Error), "{}: {diags:?}", spec.key);
        let t = text(&scene, Role::Body);
        let start = t.text.find("0808").unwrap();
        let end = t.text.find("900").unwrap() + 3;
        let mut digits: Vec<_> = t.runs.iter().flat_map(|r| &r.glyphs).filter(|g| g.text.start >= start && g.text.end <= end).collect();
        digits.sort_by(|a, b| a.x.total_cmp(&b.x));
        let read: String = digits.iter().map(|g| &t.text[g.text.clone()]).collect();
        assert_eq!(read.replace('\u{a0}', " "), "0808 1000 900", "{}: left to right on the page", spec.key);
        let line_of = |g: &billposter::layout::scene::Glyph| t.lines.iter().position(|l| l.text.contains(&g.text.start));
        assert!(digits.iter().all(|g| line_of(g) == line_of(digits[0])), "{}: the number on one line", spec.key);
    }
}

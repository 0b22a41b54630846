//! Typography rules the layout keeps, each checked on real scenes.

mod common;
use billposter::layout::Role;
use billposter::plan::Selection;
use common::*;

/// No line of a headline or body starts with a dash: a spaced dash stays at the end of the line
/// before it ("Talk to us —" / "you don't have to give your name.").
#[test]
fn no_line_starts_with_a_dash() {
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: \"Worried about someone you know — or about yourself?\"\n    body: \"Talk to us in confidence — you don't have to give your name – and we will listen - always.\"\n    caption: \"Talk to us.\"\nplacements:\n  - format: d6\n  - format: instagram-story\n  - format: instagram-square\n  - format: x-post\n  - format: phone-box\n    sites: 2\n  - format: billboard-96\n    sites: 2\n",
        head(1, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let mut lines = 0;
    for (spec, scene, _) in lay_out(&c, &Selection::default()) {
        for (item, t) in scene.texts().filter(|(i, _)| matches!(i.role, Role::Headline | Role::Body)) {
            for l in &t.lines {
                let text = t.text[l.text.clone()].trim_start();
                lines += 1;
                assert!(!text.starts_with(['—', '–', '-']), "{} {:?}: a line starts with a dash: {text:?}", spec.key, item.role);
            }
        }
    }
    assert!(lines > 20, "only {lines} lines");
}

/// The imprint breaks only between names: every line holds whole names ("Glasgow / Community
/// Safety Partnership" was seen on a d6), and no line starts with the "·" separator: it stays
/// with the name before it.
#[test]
fn the_imprint_breaks_between_names_only() {
    let names = ["Stop It Now! Scotland", "Police Scotland", "Glasgow Community Safety Partnership", "NHS Greater Glasgow and Clyde", "Scottish Government"];
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: \"Worried about someone? Talk to us.\"\n    caption: \"Talk to us.\"\nplacements:\n  - format: d6\n  - format: instagram-story\n  - format: instagram-square\n  - format: x-post\n  - format: phone-box\n    sites: 2\n",
        head(1, "[en-GB]").replace(
            "organisation: Test Org",
            &format!("organisation: \"{}\"\n  partners: [{}]", names[0], names[1..].iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "))
        )
    );
    let c = load_yaml(&yaml);
    let (mut lines, mut wrapped) = (0, 0);
    for (spec, scene, _) in lay_out(&c, &Selection::default()) {
        let (_, t) = scene.texts().find(|(i, _)| i.role == Role::Imprint).expect("an imprint");
        wrapped += (t.lines.len() > 1) as u32;
        for l in &t.lines {
            let text = t.text[l.text.clone()].trim().replace('\u{a0}', " ");
            lines += 1;
            assert!(!text.starts_with('·'), "{}: a line starts with the separator: {text:?}", spec.key);
            for part in text.trim_end_matches(" ·").split(" · ") {
                assert!(names.contains(&part), "{}: a line breaks inside a name: {text:?}", spec.key);
            }
        }
    }
    assert!(wrapped >= 2, "the imprint wraps on {wrapped} formats: the test needs wrapped lines to mean anything");
    assert!(lines >= 10, "only {lines} lines");
}

/// The bundled campaign and the two examples, laid out as a render lays them out.
fn every_example() -> Vec<(billposter::plan::AssetSpec, billposter::layout::Scene)> {
    let mut out = Vec::new();
    for path in [bundled(), root().join("campaigns/examples/dawn-helpline.yaml"), root().join("campaigns/examples/languages.yaml")] {
        let (c, _) = billposter::campaign::load(&path).expect("example loads");
        out.extend(lay_out(&c, &Selection::default()).into_iter().map(|(s, scene, _)| (s, scene)));
    }
    out
}

fn headline(scene: &billposter::layout::Scene) -> &billposter::layout::scene::TextBlock {
    scene.texts().find(|(i, _)| i.role == Role::Headline).expect("a headline").1
}

/// One type scale per format: every message of a campaign is set at the same headline size on
/// the same artwork (format label, layout, photo or not, language), chosen for the longest
/// copy; on the old layout the bundled d6 set "Worried about someone you know?" at 45.5 and
/// "Worried about your online behaviour?" at 38.6 scene mm.
#[test]
fn one_type_scale_per_format() {
    let mut families: std::collections::BTreeMap<String, Vec<(String, f32)>> = Default::default();
    for (spec, scene) in every_example() {
        families
            .entry(format!("{}: {}", spec.source.display(), billposter::layout::family(&spec)))
            .or_default()
            .push((spec.key.clone(), headline(&scene).size_mm));
    }
    let mut compared = 0;
    for (family, members) in &families {
        let (lo, hi) = members.iter().fold((f32::MAX, 0.0f32), |(lo, hi), m| (lo.min(m.1), hi.max(m.1)));
        assert!(hi <= lo * 1.001, "{family}: headline sizes differ between messages: {members:?}");
        compared += (members.len() > 1) as usize;
    }
    assert!(compared >= 7, "only {compared} families with more than one message");
}

/// No word of a headline stands alone on a line ("Worried / about / someone" on the old d6),
/// except a long last word, which fills its line ("losing / everything."). Read from the lines
/// of the scene: the words each line holds.
#[test]
fn no_headline_word_stands_alone() {
    let (mut headlines, mut lines) = (0, 0);
    for (spec, scene) in every_example() {
        let h = headline(&scene);
        if h.text.split_whitespace().count() < 4 || h.lines.len() < 2 {
            continue;
        }
        headlines += 1;
        for (i, l) in h.lines.iter().enumerate() {
            let words: Vec<&str> = h.text[l.text.clone()].split_whitespace().collect();
            lines += 1;
            let long_last = i + 1 == h.lines.len() && words.len() == 1 && words[0].chars().filter(|c| c.is_alphanumeric()).count() >= 8;
            assert!(words.len() >= 2 || long_last, "{}: a headline line holds one word: {words:?} in {:?}", spec.key, h.text);
        }
    }
    assert!(headlines >= 30 && lines >= 70, "only {headlines} wrapped headlines, {lines} lines");
}

/// A short message in its format's type scale does not leave a void between copy and band:
/// spare height beyond a breath (1.3 × the headline size) is shared above the copy, so the gap
/// under the copy is never more than the space over it plus that breath. The old d6 left
/// ~440 px under "There are no grey areas." with the headline against the top margin.
#[test]
fn spare_height_is_shared_not_left_under_the_copy() {
    let mut checked = 0;
    for (spec, scene) in every_example() {
        let texts: Vec<_> = scene.texts().collect();
        let band = scene.items.iter().find(|i| i.role == Role::Band).expect("a band").region;
        let h = headline(&scene);
        let copy_bottom = texts.iter().filter(|(i, _)| matches!(i.role, Role::Headline | Role::Body)).map(|(_, t)| t.bounds.bottom()).fold(0.0, f32::max);
        if h.bounds.y >= band.y || copy_bottom > band.y {
            continue; // copy beside or on the band (wide split)
        }
        let top_room = scene
            .items
            .iter()
            .filter(|i| i.region.bottom() <= h.bounds.y + 0.01 && i.region.x < h.bounds.right() && i.region.right() > h.bounds.x)
            .map(|i| i.region.bottom())
            .fold(scene.safe.y, f32::max);
        let above = h.bounds.y - top_room;
        let below = band.y - copy_bottom;
        checked += 1;
        assert!(
            below <= above + 1.3 * h.size_mm + 0.5,
            "{}: {below:.1} mm between the copy and the band, {above:.1} mm above the headline (headline {:.1})",
            spec.key,
            h.size_mm
        );
    }
    assert!(checked >= 30, "only {checked} scenes checked");
}

/// The 48-sheet is posted as 12 paper panels of 1016 × 1524 mm. Read on the print PDFs by
/// poppler (not the tool's rasteriser): the horizontal seam at 1,524 mm runs through no line of
/// copy but the headline's (the old layout put it through the body on one board), and each
/// vertical seam the helpline number spans falls between two digits (the old one ran through
/// them). A pixel row or column on a seam must be the plain ground beside it.
#[test]
fn small_copy_and_the_number_keep_off_the_48_sheet_seams() {
    let dir = tempfile::tempdir().unwrap();
    let o = render(&bundled(), dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (c, _) = billposter::campaign::load(&bundled()).unwrap();
    let scenes = lay_out(&c, &Selection::default());
    let (mut rows, mut columns, mut boards) = (0, 0, 0);
    for (spec, scene, _) in scenes.iter().filter(|(s, _, _)| s.format.id == "billboard-48") {
        let pdf = dir.path().join("stop-it-now-scotland-2019").join(&spec.files.main);
        let (r, c) = seams_read_clear(&pdf, &dir.path().join(spec.key.replace('/', "_")), spec, scene);
        (rows, columns, boards) = (rows + r, columns + c, boards + 1);
    }
    assert_eq!(boards, 3);
    assert!(rows > 3000 && columns > 200, "only {rows} seam-row and {columns} seam-column pixels read");
}

/// A right-to-left 48-sheet (Urdu, Arabic) is mirrored after it is laid out: its helpline
/// number moves to the right of the board, where other seams cross it. The digits are kept off
/// the seams where the number ends up (checked at its left-to-right place, the mirrored Urdu
/// number had a seam through a digit), and the horizontal seam still misses the small copy.
#[test]
fn a_mirrored_48_sheet_keeps_the_number_off_the_seams_where_it_ends_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("good/rtl-48-sheet.yaml");
    let o = render(&path, dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (c, _) = billposter::campaign::load(&path).unwrap();
    let (mut rows, mut columns, mut boards) = (0, 0, 0);
    for (spec, scene, _) in lay_out(&c, &Selection::default()).iter().filter(|(s, _, _)| s.format.id == "billboard-48") {
        assert_eq!(spec.direction, billposter::plan::Direction::Rtl, "{}", spec.key);
        let (_, number) = scene.texts().find(|(i, _)| i.role == Role::Helpline).unwrap();
        assert!(number.lines[0].rect.right() > scene.safe.right() - 1.0, "{}: the number is not mirrored to the right", spec.key);
        let pdf = dir.path().join("rtl-48-sheet").join(&spec.files.main);
        let (r, c) = seams_read_clear(&pdf, &dir.path().join(spec.key.replace('/', "_")), spec, scene);
        (rows, columns, boards) = (rows + r, columns + c, boards + 1);
    }
    assert_eq!(boards, 2);
    assert!(rows > 2000 && columns > 100, "only {rows} seam-row and {columns} seam-column pixels read");
}

/// Reads one 48-sheet's print PDF with poppler at 150 dpi (rasterised to `stem`.png) and
/// asserts that its seams run through no copy: the horizontal seam row at 1,524 mm is the
/// ground at the left margin everywhere but across the headline, and each vertical seam the
/// helpline number's line spans is the ground over the digits' cap height. Returns the seam-row
/// and seam-column pixels read.
fn seams_read_clear(pdf: &std::path::Path, stem: &std::path::Path, spec: &billposter::plan::AssetSpec, scene: &billposter::layout::Scene) -> (usize, usize) {
    const DPI: f32 = 150.0;
    let (mut rows, mut columns) = (0, 0);
    let ok = std::process::Command::new("pdftoppm").args(["-png", "-singlefile", "-r", "150"]).arg(pdf).arg(stem).status().unwrap();
    assert!(ok.success());
    let img = image::open(stem.with_extension("png")).unwrap().to_rgb8();
    // Scene mm (full size) to page pixels: the trim box starts at the bleed plus the slug
    // the crop marks need, read from the PDF's own TrimBox.
    let info = String::from_utf8(std::process::Command::new("pdfinfo").args(["-box"]).arg(pdf).output().unwrap().stdout).unwrap();
    let trim: Vec<f32> = info.lines().find(|l| l.starts_with("TrimBox:")).unwrap().split_whitespace().skip(1).map(|v| v.parse().unwrap()).collect();
    let k = spec.format.scale * 72.0 / 25.4 * DPI / 72.0;
    let (x0, y0) = (trim[0] * DPI / 72.0, trim[1] * DPI / 72.0);
    let px = |x: f32, y: f32| *img.get_pixel((x0 + x * k).round() as u32, (y0 + y * k).round() as u32);
    let differs = |a: image::Rgb<u8>, b: image::Rgb<u8>| a.0.iter().zip(b.0).any(|(p, q)| p.abs_diff(q) > 40);
    let headline = scene.items.iter().find(|i| i.role == Role::Headline).unwrap().region;
    for y in [1524.0f32] {
        // Across the trim, away from the headline: the seam row is the ground at its left
        // margin (background, or the band where the seam crosses it).
        let ground = px(60.0, y);
        let mut x = 100.0;
        while x < spec.format.width_mm - 100.0 {
            let in_headline = x >= headline.x && x <= headline.right() && y >= headline.y && y <= headline.bottom();
            if !in_headline {
                rows += 1;
                assert!(!differs(px(x, y), ground), "{}: copy on the horizontal seam at x = {x} mm: {:?} on {:?}", spec.key, px(x, y), ground);
            }
            x += 2.0;
        }
    }
    let (_, number) = scene.texts().find(|(i, _)| i.role == Role::Helpline).unwrap();
    let line = number.lines[0].rect;
    for sx in [1016.0f32, 2032.0, 3048.0, 4064.0, 5080.0].into_iter().filter(|&s| s > line.x && s < line.right()) {
        let ground = px(sx, line.y + 1.0);
        let mut y = number.lines[0].baseline_y - number.cap_height_mm;
        while y <= number.lines[0].baseline_y {
            columns += 1;
            assert!(!differs(px(sx, y), ground), "{}: the seam at x = {sx} mm runs through a digit of the helpline (y = {y:.0} mm)", spec.key);
            y += 2.0;
        }
    }
    (rows, columns)
}

/// A 96-sheet (4:1) uses its width: the copy reaches the right of the safe area (the web
/// address and imprint at the band's right end), and a one-line headline spans most of it. The
/// old layout left the right 16% of the board empty, with the headline stopping at 80%.
#[test]
fn a_96_sheet_uses_its_width() {
    let (c, _) = billposter::campaign::load(&fixture("good/layouts.yaml")).unwrap();
    let mut boards = 0;
    for (spec, scene, _) in lay_out(&c, &Selection::default()).iter().filter(|(s, _, _)| s.format.id == "billboard-96" && s.layout.as_str() != "split") {
        let safe = scene.safe;
        let right = scene.texts().map(|(_, t)| t.bounds.right()).fold(0.0, f32::max);
        let h = headline(scene);
        boards += 1;
        assert!(right >= safe.right() - 0.02 * safe.w, "{}: the copy ends at {:.0}% of the safe width", spec.key, (right - safe.x) / safe.w * 100.0);
        assert!(
            h.lines.len() > 1 || h.bounds.w >= 0.85 * safe.w,
            "{}: a one-line headline spans {:.0}% of the safe width",
            spec.key,
            h.bounds.w / safe.w * 100.0
        );
    }
    assert_eq!(boards, 2);
}

/// On the wide arrangement the QR stands in its own column: the band stops at its tile instead
/// of running behind it (seen crossing the band on the x-post and linkedin posts).
#[test]
fn the_band_stops_at_the_qr() {
    let mut checked = 0;
    for (spec, scene) in every_example() {
        let Some(qr) = scene.items.iter().find(|i| i.role == Role::Qr).map(|i| i.region) else { continue };
        for band in scene.items.iter().filter(|i| i.role == Role::Band) {
            let billposter::layout::ItemKind::Fill { rect, .. } = &band.kind else { continue };
            checked += 1;
            let overlap = rect.x < qr.right() && rect.right() > qr.x + 0.01 && rect.y < qr.bottom() && rect.bottom() > qr.y;
            assert!(!overlap, "{}: the band {rect:?} runs behind the QR {qr:?}", spec.key);
        }
    }
    assert!(checked >= 40, "only {checked} bands beside a QR");
}

/// The type scale is chosen over every message even when a render is filtered: regenerating
/// one message's images (`--message`) gives the same bytes as the full render made.
#[test]
fn a_filtered_render_draws_what_the_full_one_does() {
    let (full, one) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(render(&bundled(), full.path(), &[]).status.success());
    let o = render(&bundled(), one.path(), &["--message", "you-will-be-caught"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = |d: &std::path::Path| d.join("stop-it-now-scotland-2019");
    let files: Vec<String> = files_below(&dir(one.path())).into_iter().filter(|f| f.contains("you-will-be-caught")).collect();
    for f in &files {
        let (a, b) = (std::fs::read(dir(full.path()).join(f)).unwrap(), std::fs::read(dir(one.path()).join(f)).unwrap());
        assert!(a == b, "{f}: the filtered render differs from the full one");
    }
    assert!(files.len() >= 10, "only {} files compared", files.len());
}

//! End to end: the real binary on the bundled campaign and on fixture campaigns.

mod common;
use common::*;

const ID: &str = "stop-it-now-scotland-2019";

#[test]
fn bundled_campaign_renders_every_asset_with_scannable_qr() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&bundled(), tmp.path(), &[]);
    assert!(out.status.success(), "render failed: {}", stderr(&out));
    let dir = tmp.path().join(ID);
    let m = manifest(&dir);
    assert_eq!(m["campaign"], ID);
    let assets = m["assets"].as_array().unwrap();
    // 3 messages × (billboard-48, phone-box, d6, instagram-square, instagram-story, facebook-link, x-post)
    assert_eq!(assets.len(), 21);
    let expected_px = [
        ("d6", 1080, 1920),
        ("instagram-square", 1080, 1080),
        ("instagram-story", 1080, 1920),
        ("facebook-link", 1200, 630),
        ("x-post", 1200, 675),
        ("billboard-48", 4000, 2000),
        ("phone-box", 2667, 4000),
    ];
    let mut qr_count = 0;
    for a in assets {
        let format = a["format"].as_str().unwrap();
        let main = dir.join(a["path"].as_str().unwrap());
        assert!(main.is_file(), "{} missing", main.display());
        let image_path = match a["proof"].as_str() {
            Some(p) => dir.join(p),
            None => main.clone(),
        };
        let img = image::open(&image_path).unwrap();
        let (_, w, h) = expected_px.iter().find(|(f, _, _)| *f == format).copied().expect("known format");
        assert_eq!((img.width(), img.height()), (w, h), "{format} pixel size");
        assert_eq!((a["width_px"].as_u64().unwrap(), a["height_px"].as_u64().unwrap()), (w as u64, h as u64));
        // The QR, decoded from the rendered pixels, is exactly the manifest's link.
        if a["qr"].as_bool().unwrap() {
            let link = a["link"].as_str().unwrap();
            let got = decode_qr(&image_path);
            assert_eq!(got, vec![link.to_string()], "QR of {}", image_path.display());
            assert!(link.starts_with("https://www.stopitnow.org.uk/?utm_source="), "{link}");
            assert!(link.contains(&format!("utm_source={format}&")), "{link}");
            qr_count += 1;
        } else {
            assert_eq!(format, "billboard-48", "only the roadside billboard goes without a QR");
            assert!(a["link"].is_null());
        }
        if a["kind"] != "print" {
            let alt = std::fs::read_to_string(main.with_extension("alt.txt")).expect("alt text file");
            assert!(alt.contains("0808 1000 900") && alt.contains("Mon–Fri 9am–5pm"), "{alt}");
        }
    }
    assert_eq!(qr_count, 18);
    // d6 must stay within the Adshel Live 1 MB limit.
    for a in assets.iter().filter(|a| a["format"] == "d6") {
        let len = std::fs::metadata(dir.join(a["path"].as_str().unwrap())).unwrap().len();
        assert!(len <= 1_000_000, "d6 JPEG is {len} bytes");
    }
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    // The bundled campaign, and the example with a photograph: its decode runs on a thread of
    // its own, its resamples and print JPEG are shared between workers that wait for them by
    // rendering other assets, and the work order is a queue. None of that may show in a byte.
    let mut compared = 0;
    for campaign in [bundled(), common::root().join("campaigns/examples/dawn-helpline.yaml")] {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert!(render(&campaign, a.path(), &["--jobs", "1"]).status.success());
        assert!(render(&campaign, b.path(), &["--jobs", "4"]).status.success());
        let fa = files_below(a.path());
        assert_eq!(fa, files_below(b.path()));
        assert!(fa.len() > 10);
        for f in fa {
            assert_eq!(std::fs::read(a.path().join(&f)).unwrap(), std::fs::read(b.path().join(&f)).unwrap(), "{f} differs");
            compared += 1;
        }
    }
    assert!(compared > 60, "{compared} files compared");
}

#[test]
fn only_and_message_select_assets() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&bundled(), tmp.path(), &["--only", "x-post", "--message", "you-will-be-caught"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = manifest(&tmp.path().join(ID));
    let assets = m["assets"].as_array().unwrap();
    assert_eq!(assets.len(), 1);
    assert_eq!(assets[0]["path"], "social/x-post_you-will-be-caught_en-GB.png");
    let bad = render(&bundled(), tmp.path(), &["--only", "no-such-format"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--only no-such-format"));
}

#[test]
fn check_writes_nothing_and_formats_lists_the_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let out =
        std::process::Command::new(env!("CARGO_BIN_EXE_billposter")).current_dir(tmp.path()).args(["check", bundled().to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(files_below(tmp.path()).is_empty());
    let f = billposter(&["formats"]);
    let table = String::from_utf8_lossy(&f.stdout);
    for id in [
        "billboard-48",
        "billboard-96",
        "six-sheet",
        "phone-box",
        "d6",
        "instagram-square",
        "instagram-portrait",
        "instagram-story",
        "facebook-link",
        "x-post",
        "linkedin-post",
    ] {
        assert!(table.contains(id), "{id} missing from:\n{table}");
    }
    assert!(table.contains("assumed"), "assumed values must say so");
}

#[test]
fn languages_custom_formats_forced_roadside_qr_and_kept_query() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&fixture("good/bilingual.yaml"), tmp.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("roadside"), "forcing a QR onto a roadside placement must warn:\n{err}");
    let dir = tmp.path().join("bilingual-test");
    let m = manifest(&dir);
    let assets = m["assets"].as_array().unwrap();
    let langs: std::collections::BTreeSet<&str> = assets.iter().map(|a| a["language"].as_str().unwrap()).collect();
    assert_eq!(langs.into_iter().collect::<Vec<_>>(), ["en-GB", "gd"]);
    for a in assets {
        let p = dir.join(a["proof"].as_str().or(a["path"].as_str()).unwrap());
        let link = a["link"].as_str().expect("every asset has a QR here");
        assert!(link.starts_with("https://example.org/help?lang=x&utm_source="), "own query kept first: {link}");
        assert_eq!(decode_qr(&p), vec![link.to_string()]);
    }
    // The custom kiosk format: 1160 × 1760 mm at 25% → 290 × 440 mm supplied → proof ≤ 4000 px.
    let kiosk = assets.iter().find(|a| a["format"] == "kiosk-glasgow").unwrap();
    assert_eq!((kiosk["width_px"].as_u64().unwrap(), kiosk["height_px"].as_u64().unwrap()), (2636, 4000));
    // A print artwork posted in one week only carries -wN.
    assert!(kiosk["link"].as_str().unwrap().ends_with("utm_content=help-w2"), "{}", kiosk["link"]);
    let custom = assets.iter().find(|a| a["format"] == "bluesky-square").unwrap();
    assert_eq!(custom["width_px"], 2000);
}

#[test]
fn a_brand_logo_is_drawn_in_the_image_and_embedded_as_cmyk_in_the_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&fixture("good/with-logo.yaml"), tmp.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tmp.path().join("with-logo");
    // The logo's red bar shows in the social image (the brand has no red anywhere else).
    let img = image::open(dir.join("social/instagram-square_help_en-GB.png")).unwrap().to_rgb8();
    let red = img.pixels().filter(|p| p[0] > 150 && p[1] < 60 && p[2] < 80).count();
    assert!(red > 1000, "logo not drawn: {red} red pixels");
    // In the PDF: one CMYK image with a soft mask for its transparency, and no RGB anywhere.
    let pdf = dir.join("print/phone-box_help_en-GB_25pct.pdf");
    let list = std::process::Command::new("pdfimages").arg("-list").arg(&pdf).output().expect("pdfimages (poppler-utils)");
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(list.lines().any(|l| l.contains(" image ") && l.contains(" cmyk ")), "{list}");
    assert!(list.lines().any(|l| l.contains(" smask ")), "{list}");
    assert!(!String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).contains("DeviceRGB"));
}

#[test]
fn the_links_own_query_is_kept_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("good/with-logo.yaml"))
        .unwrap()
        .replace("link: \"https://example.org/\"", "link: \"https://example.org/get-help?ref&src=a/b%2Bc&q=x%20y&utm_source=old#top\"")
        .replace("logo: logo.png", &format!("logo: {:?}", fixture("good/logo.png")));
    let c = tmp.path().join("c.yaml");
    std::fs::write(&c, text).unwrap();
    let out = render(&c, &tmp.path().join("out"), &["--only", "instagram-square"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = manifest(&tmp.path().join("out/with-logo"));
    let link = m["assets"][0]["link"].as_str().unwrap();
    assert_eq!(
        link,
        "https://example.org/get-help?ref&src=a/b%2Bc&q=x%20y&utm_source=instagram-square&utm_medium=social&utm_campaign=with-logo&utm_content=help#top"
    );
}

#[test]
fn a_placement_marked_pedestrian_uses_the_pedestrian_legibility_rule() {
    // A 48-sheet beside a footpath (roadside: false) is read at 5 mm/m, not 2.8: at 50 m every
    // line needs a 250 mm cap height, and the web address and imprint are checked against that.
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(bundled()).unwrap().replace(
        "  - format: billboard-48        # roadside: web address as text, no QR (Highway Code rule 149)\n    sites: 40",
        "  - format: billboard-48\n    sites: 40\n    roadside: false\n    qr: off",
    );
    let c = tmp.path().join("c.yaml");
    std::fs::write(&c, text).unwrap();
    let (campaign, _) = billposter::campaign::load(&c).unwrap();
    let laid = lay_out(&campaign, &billposter::plan::Selection { only: Some("billboard-48".into()), message: None });
    for (spec, scene, _) in laid {
        assert!(!spec.format.roadside);
        for (item, t) in scene.texts() {
            assert!(t.cap_height_mm >= 250.0 * 0.995 || !scene.safe.contains(&t.bounds, 0.1), "{}: {:?} cap {} mm", spec.key, item.role, t.cap_height_mm);
        }
    }
}

#[test]
fn weeks_the_schedule_leaves_empty_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(bundled()).unwrap();
    let cut = text.find("  - week: 2").unwrap();
    let end = text.find("placements:").unwrap();
    let c = tmp.path().join("c.yaml");
    std::fs::write(&c, format!("{}\n{}", &text[..cut], &text[end..])).unwrap();
    let out = billposter(&["check", c.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("warning[schedule]: placement phone-box runs in week 2, 3, 4 but the schedule posts no message then"), "{err}");
}

#[test]
fn a_format_placed_twice_is_one_artwork_or_two_as_its_settings_say() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&fixture("good/two-contracts.yaml"), tmp.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tmp.path().join("two-contracts");
    let totals = std::fs::read_to_string(dir.join("print-totals.csv")).unwrap();
    // Same settings: one phone-box artwork. Reposting only where the artwork changes: the first
    // contract's 150 sites in week 1, the second contract's 50 in week 3 (its own sites).
    assert!(totals.contains("print/phone-box_help_en-GB_25pct.pdf,phone-box,help,en-GB,1 3,0,200"), "{totals}");
    // Roadside and pedestrian 48-sheets differ (QR, legibility rule): two artworks, each posted
    // once and kept up for the four weeks.
    assert!(totals.contains("print/billboard-48_help_en-GB_10pct.pdf,billboard-48,help,en-GB,1,0,10"), "{totals}");
    assert!(totals.contains("print/billboard-48-2_help_en-GB_10pct.pdf,billboard-48,help,en-GB,1,0,4"), "{totals}");
    assert!(totals.contains("TOTAL,billboard-48,,,1,0,14"), "{totals}");
    let sites = std::fs::read_to_string(dir.join("site-plan.csv")).unwrap();
    assert!(sites.starts_with("format,site,week,file,new_copy\r\nphone-box,1,1,print/phone-box_help_en-GB_25pct.pdf,yes\r\n"), "{sites}");
    assert!(sites.contains("\r\nphone-box,151,3,print/phone-box_help_en-GB_25pct.pdf,yes\r\n"), "{sites}");
    assert!(sites.contains("\r\nbillboard-48-2,4,4,print/billboard-48-2_help_en-GB_10pct.pdf,no\r\n"), "{sites}");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, b"").unwrap();
    let out = render(&bundled(), &file, &["--only", "x-post"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[io]"));
    // Inside it, a file where the campaign folder should be.
    std::fs::write(tmp.path().join(ID), b"").unwrap();
    let out = render(&bundled(), tmp.path(), &["--only", "x-post"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

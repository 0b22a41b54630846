//! The sign-off page, read by a real browser: headless Chromium (Debian's `chromium`, installed
//! by `.ci/run`) opens `proof.html` from disk with the network off and takes a screenshot. Every
//! thumbnail sits on a magenta box the image covers exactly, so a magenta pixel in the
//! screenshot is an image that did not load; the page must also show real pixels (not blank).
//! Every `src` and `href` is checked to resolve to a file beside the page.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    html.match_indices(&key).map(|(i, _)| &html[i + key.len()..i + key.len() + html[i + key.len()..].find('"').unwrap()]).collect()
}

/// `%20`-style escapes back to bytes (the page percent-encodes file names).
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap().replace("&amp;", "&")
}

fn chromium() -> &'static str {
    for c in ["chromium", "chromium-browser"] {
        if Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()) {
            return c;
        }
    }
    panic!("headless Chromium is needed for this test: apt-get install chromium (.ci/run installs it)");
}

fn screenshot(page: &Path, png: &Path, profile: &Path, height: u32) {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--window-size=1400,{height}"),
            &format!("--screenshot={}", png.display()),
            &format!("file://{}", page.display()),
        ])
        .output()
        .expect("run chromium");
    assert!(png.exists(), "chromium made no screenshot:\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn proof_sheet_shows_every_asset_and_every_link_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = render(&bundled(), tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = tmp.path().join("stop-it-now-scotland-2019");
    let page = dir.join("proof.html");
    let html = std::fs::read_to_string(&page).expect("proof.html written by a full render");
    let m = manifest(&dir);
    let assets = m["assets"].as_array().unwrap();

    // Every asset has a card; every src and href resolves beside the page.
    for a in assets {
        let path = a["path"].as_str().unwrap();
        assert!(html.contains(&format!("href=\"{path}\"")), "{path} has no link on the page");
    }
    let (mut srcs, mut hrefs) = (0, 0);
    for (attr, count) in [("src", &mut srcs), ("href", &mut hrefs)] {
        for v in attr_values(&html, attr) {
            if v.starts_with("https://") {
                continue; // QR links: the web, not files
            }
            let file = dir.join(unescape(v));
            assert!(file.is_file(), "{attr}=\"{v}\" does not resolve");
            *count += 1;
        }
    }
    assert!(srcs >= assets.len(), "{srcs} images for {} assets", assets.len());
    for f in ["manifest.json", "print-order.csv", "posting-plan.csv"] {
        assert!(html.contains(&format!("href=\"{f}\"")), "no link to {f}");
    }
    assert!(!html.contains("<script"), "the page needs no script");

    // A real browser: every thumbnail loads (no magenta shows), and the page is not blank.
    let png = tmp.path().join("proof.png");
    screenshot(&page, &png, &tmp.path().join("chromium-profile"), 16384);
    let shot = image::open(&png).unwrap().to_rgb8();
    let magenta = shot.pixels().filter(|p| p.0 == [255, 0, 255]).count();
    assert_eq!(magenta, 0, "{magenta} magenta pixels: an image did not load (screenshot: {})", png.display());
    let navy = shot.pixels().filter(|p| p.0[2] > 40 && p.0[0] < 40 && p.0[1] < 60).count();
    assert!(navy > 50_000, "the posters' navy ground is not on the page ({navy} px): thumbnails did not render");
    eprintln!("{} assets, {srcs} images and {hrefs} links resolved; screenshot {}×{}", assets.len(), shot.width(), shot.height());
}

/// With `reposting: changes` a print artwork gets new copies only in some weeks but stays on its
/// sites in others: the page shows it under every week it is on a site, as site-plan.csv says,
/// and its card gives the weeks and dates of its new copies, as print-order.csv says.
#[test]
fn print_cards_show_the_weeks_they_are_on_sites_and_their_posting_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(bundled()).unwrap();
    assert!(!text.contains("\nprint:"), "the bundled campaign gained a print: section; set reposting in it");
    let campaign = tmp.path().join("campaign.yaml");
    std::fs::write(&campaign, format!("{text}\nprint:\n  reposting: changes\n")).unwrap();
    let out = render(&campaign, &tmp.path().join("out"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = tmp.path().join("out/stop-it-now-scotland-2019");
    let html = std::fs::read_to_string(dir.join("proof.html")).unwrap();
    let csv = |name: &str| -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        text.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
    };

    // week → print files on a site that week, from site-plan.csv (format,site,week,file,new_copy).
    let mut on_sites: std::collections::BTreeMap<u32, std::collections::BTreeSet<String>> = Default::default();
    for r in csv("site-plan.csv") {
        on_sites.entry(r[2].parse().unwrap()).or_default().insert(r[3].clone());
    }
    // file → "week N (posting date, due date)" of each posting, from print-order.csv.
    let mut postings: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for r in csv("print-order.csv") {
        postings.entry(r[0].clone()).or_default().push(format!("week {} ({}, due {})", r[4], r[5], r[6]));
    }

    // The page's week sections, each cut into its print cards.
    let sections: Vec<&str> = html.split("<h2>").filter(|s| s.starts_with("Week ")).collect();
    assert_eq!(sections.len(), on_sites.len(), "one section per campaign week");
    let mut stays = 0;
    for s in sections {
        let week: u32 = s["Week ".len()..s.find('<').unwrap()].parse().unwrap();
        let print = s.split("<h3>").find(|h| h.starts_with("Print<")).unwrap_or("");
        let mut shown = std::collections::BTreeSet::new();
        for card in print.split("<div class=\"card\">").skip(1) {
            // The card's first link is its thumbnail's, to the artwork's PDF.
            let file = unescape(attr_values(card, "href")[0]);
            assert!(on_sites.values().any(|f| f.contains(&file)), "{file} is on no site");
            let weeks: Vec<String> = on_sites.iter().filter(|(_, f)| f.contains(&file)).map(|(w, _)| w.to_string()).collect();
            assert!(card.contains(&format!("on sites weeks {}<br>", weeks.join(" "))), "week {week}, {file}: {card}");
            let posts = &postings[&file];
            for p in posts {
                assert!(card.contains(p.as_str()), "week {week}, {file}: the card lacks the posting {p}: {card}");
            }
            if !posts.iter().any(|p| p.starts_with(&format!("week {week} "))) {
                stays += 1;
            }
            shown.insert(file);
        }
        assert_eq!(shown, on_sites[&week], "week {week}: the print cards are the artworks on sites that week");
    }
    assert!(stays >= 4, "{stays} cards show an artwork in a week it only stays up: the case reposting: changes makes");
}

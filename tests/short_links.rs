//! `contact.short_link`: every QR code (read by zbarimg) carries base + a short code, and
//! redirects.csv and redirects.nginx.conf send each code to exactly the full tracked link the
//! asset would carry without a short link.

mod common;
use common::{billposter, bundled, decode_qr, manifest, render, stderr};
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://stopitnow.org.uk/go/";

/// The bundled campaign with a short link added under `contact.link`.
fn with_short_link(dir: &Path, short: &str) -> std::path::PathBuf {
    let yaml = std::fs::read_to_string(bundled()).unwrap();
    let line = yaml.lines().find(|l| l.trim_start().starts_with("link:")).expect("bundled campaign has contact.link").to_string();
    let out = yaml.replacen(&line, &format!("{line}\n  short_link: \"{short}\""), 1);
    let path = dir.join("campaign.yaml");
    std::fs::write(&path, out).unwrap();
    // Relative paths in the campaign (fonts, logo) resolve beside the original.
    for entry in std::fs::read_dir(bundled().parent().unwrap()).unwrap().flatten() {
        let to = dir.join(entry.file_name());
        if !to.exists() && entry.path().extension().is_none_or(|e| e != "yaml") {
            let _ = std::os::unix::fs::symlink(entry.path(), to);
        }
    }
    path
}

/// asset key → link, from a rendered campaign's manifest.
fn links(dir: &Path) -> BTreeMap<String, String> {
    let m = manifest(dir);
    m["assets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| Some((format!("{}/{}/{}", a["format"].as_str()?, a["message"].as_str()?, a["language"].as_str()?), a["link"].as_str()?.to_string())))
        .collect()
}

#[test]
fn every_code_redirects_to_the_full_tracked_link() {
    let tmp = tempfile::tempdir().unwrap();
    let full_out = tmp.path().join("full");
    assert!(render(&bundled(), &full_out, &[]).status.success());
    let campaign = with_short_link(tmp.path(), "https://stopitnow.org.uk/go");
    let short_out = tmp.path().join("short");
    let o = render(&campaign, &short_out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = "stop-it-now-scotland-2019";
    let (full, short) = (links(&full_out.join(id)), links(&short_out.join(id)));
    assert_eq!(full.keys().collect::<Vec<_>>(), short.keys().collect::<Vec<_>>());

    // redirects.csv: code → target.
    let csv = std::fs::read_to_string(short_out.join(id).join("redirects.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("code,short_link,target,assets"));
    let map: BTreeMap<String, String> = lines.map(|l| l.split(',').collect::<Vec<_>>()).map(|f| (f[1].to_string(), f[2].to_string())).collect();

    let mut checked = 0;
    for (key, s) in &short {
        let code = s.strip_prefix(BASE).unwrap_or_else(|| panic!("{key}: {s} is not under {BASE}"));
        assert_eq!(code.len(), 8, "{s}");
        assert_eq!(map.get(s), Some(&full[key]), "{key}: {s} must redirect to the link it replaces");
        checked += 1;
    }
    assert!(checked >= 18, "{checked} short links checked");

    // What the QR codes carry, read by zbarimg.
    let m = manifest(&short_out.join(id));
    let mut decoded = 0;
    for a in m["assets"].as_array().unwrap() {
        if a["kind"] == "print" || a["qr"] != true {
            continue;
        }
        let got = decode_qr(&short_out.join(id).join(a["path"].as_str().unwrap()));
        assert_eq!(got, vec![a["link"].as_str().unwrap().to_string()], "{}", a["path"]);
        decoded += 1;
    }
    assert!(decoded >= 10, "{decoded} QR codes decoded");

    // The nginx map: one exact location per code, to the same target.
    let conf = std::fs::read_to_string(short_out.join(id).join("redirects.nginx.conf")).unwrap();
    let locations: Vec<&str> = conf.lines().filter(|l| l.starts_with("location = ")).collect();
    assert_eq!(locations.len(), map.len());
    for (s, target) in &map {
        let path = s.strip_prefix("https://stopitnow.org.uk").unwrap();
        assert!(locations.contains(&format!("location = {path} {{ return 302 \"{target}\"; }}").as_str()), "{path}");
    }
    // Without a short link, neither file is written.
    assert!(!full_out.join(id).join("redirects.csv").exists());
}

/// The redirect map is the campaign's, whatever the selection: a render filtered with `--only`
/// or `--message` writes the same redirects.csv and nginx map as a full render (every code, not
/// only the selected assets'), so a reprint never leaves a code out of the server's map.
#[test]
fn a_filtered_render_writes_the_full_redirect_map() {
    let tmp = tempfile::tempdir().unwrap();
    let campaign = with_short_link(tmp.path(), BASE);
    let id = "stop-it-now-scotland-2019";
    let read = |out: &Path, name: &str| std::fs::read_to_string(out.join(id).join(name)).unwrap_or_else(|e| panic!("{name} in {}: {e}", out.display()));
    let full_out = tmp.path().join("full");
    let o = render(&campaign, &full_out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (csv, conf) = (read(&full_out, "redirects.csv"), read(&full_out, "redirects.nginx.conf"));
    let codes = csv.lines().count() - 1;
    assert!(codes >= 18, "{codes} codes in the full map");
    for filter in [&["--only", "x-post"][..], &["--message", "you-will-be-caught"], &["--only", "print", "--message", "family-and-friends"]] {
        let out = tmp.path().join(filter.join("_").replace('-', ""));
        let o = render(&campaign, &out, filter);
        assert!(o.status.success(), "{filter:?}: {}", stderr(&o));
        let m = manifest(&out.join(id));
        assert!(m["assets"].as_array().unwrap().len() < 20, "{filter:?} renders a subset");
        assert_eq!(read(&out, "redirects.csv"), csv, "{filter:?}: redirects.csv as in the full render");
        assert_eq!(read(&out, "redirects.nginx.conf"), conf, "{filter:?}: nginx map as in the full render");
    }
}

#[test]
fn a_short_link_with_a_query_is_refused_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let campaign = with_short_link(tmp.path(), "https://stopitnow.org.uk/go?c=");
    let o = billposter(&["check", campaign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("campaign.yaml:") && err.contains("contact.short_link has a query"), "{err}");
    assert!(err.contains("hint: a base path, e.g. short_link: \"https://stopitnow.org.uk/go\""), "{err}");
}

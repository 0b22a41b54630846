//! `billposter watch`: renders at once, renders again after a save (only what changed) of the
//! campaign or of a file it names in a subfolder (the logo), not after other files change
//! (the output folder inside the campaign's, a stray file beside it), and survives a broken
//! edit: the error is printed and the last good output stays. Driven from the test with
//! timeouts; the watcher is killed at the end.

mod common;
use common::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Wait up to 90 s (a cold render on a busy 2-core machine) for `cond`.
fn wait_for(what: &str, log: &Path, mut cond: impl FnMut() -> bool) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(90) {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}; watch printed:\n{}", std::fs::read_to_string(log).unwrap_or_default());
}

#[test]
fn watch_renders_on_save_and_keeps_the_last_good_output_on_a_broken_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let campaign = tmp.path().join("campaign.yaml");
    // The logo in a subfolder, as a campaign folder keeps its images.
    let text = std::fs::read_to_string(fixture("good/bilingual.yaml")).unwrap().replacen("contact:", "brand:\n  logo: images/logo.png\ncontact:", 1);
    std::fs::create_dir(tmp.path().join("images")).unwrap();
    std::fs::copy(fixture("good/logo.png"), tmp.path().join("images/logo.png")).unwrap();
    std::fs::write(&campaign, &text).unwrap();
    let out = tmp.path().join("out");
    // The log lives outside the watched folder: written there, each line would be an edit that
    // starts another render (seen as a flaky count of renders under load).
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("watch.log");
    let child = Command::new(env!("CARGO_BIN_EXE_billposter"))
        .args(["watch", campaign.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start billposter watch");
    let _w = Watcher(child);
    let log_text = || std::fs::read_to_string(&log).unwrap_or_default();

    wait_for("the first render and the watch", &log, || log_text().contains("watching"));
    let id = serde_yaml_id(&text);
    let dir = out.join(&id);
    let first = manifest(&dir);
    let sha = |m: &serde_json::Value, i: usize| m["assets"][i]["sha256"].as_str().unwrap().to_string();
    let n = first["assets"].as_array().unwrap().len();
    assert!(n > 0);

    // An edit of the Gaelic headline: rendered again, the Gaelic assets only.
    let edited = text.replacen("Faigh cuideachadh mus bi e ro fhadalach.", "Faigh cuideachadh an-diugh.", 1);
    assert_ne!(edited, text);
    save(&campaign, &edited);
    wait_for("a render after the save", &log, || log_text().matches(" files written to ").count() >= 2);
    let second = manifest(&dir);
    let changed = (0..n).filter(|&i| sha(&first, i) != sha(&second, i)).count();
    assert!(changed > 0 && changed < n, "{changed} of {n} assets changed: only the Gaelic ones should");
    assert!(log_text().contains("changed: campaign.yaml"), "{}", log_text());

    // Files the campaign does not name start no render: one saved beside it, and the render's
    // own writes into the output folder, which sits inside the campaign's folder.
    let renders = || log_text().matches("rendering again").count();
    std::fs::write(tmp.path().join("notes.txt"), "not part of the campaign").unwrap();
    quiet(renders, 1);

    // A save of the logo in its subfolder, by rename as editors save: rendered again.
    let mut logo = image::open(fixture("good/logo.png")).unwrap().to_rgba8();
    for p in logo.pixels_mut().take(240 * 8) {
        *p = image::Rgba([200, 30, 30, 255]);
    }
    let staged = tmp.path().join("logo-edit.png");
    logo.save(&staged).unwrap();
    std::fs::rename(&staged, tmp.path().join("images/logo.png")).unwrap();
    wait_for("a render after the logo's save", &log, || log_text().matches(" files written to ").count() >= 3);
    assert!(log_text().contains("changed: logo.png"), "{}", log_text());
    let third = manifest(&dir);
    let relogo = (0..n).filter(|&i| sha(&second, i) != sha(&third, i)).count();
    assert!(relogo > 0, "the logo's edit changed no asset");
    quiet(renders, 2);

    // A broken edit: errors printed, the last good output stays.
    save(&campaign, &edited.replacen("version: 1", "version: [", 1));
    wait_for("the broken edit's error", &log, || log_text().contains("error[yaml]"));
    assert_eq!(manifest(&dir), third, "a broken edit leaves the last good output");
    quiet(renders, 3);
    for a in third["assets"].as_array().unwrap() {
        assert!(dir.join(a["path"].as_str().unwrap()).is_file());
    }
}

/// Save as editors do, whole: written beside it, then renamed over it. A write in place could be
/// seen half done on a loaded machine (truncated, then written after the debounce): two renders.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.saving");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// After a quiet spell longer than the debounce (300 ms), exactly `n` renders were started: a
/// render the watcher's own output or an unnamed file started would show here.
fn quiet(renders: impl Fn() -> usize, n: usize) {
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(renders(), n, "renders started");
}

/// The campaign id of a campaign's text (its `id:` under `campaign:`).
fn serde_yaml_id(text: &str) -> String {
    let v: serde_json::Value = serde_saphyr::from_str(text).unwrap();
    v["campaign"]["id"].as_str().unwrap().to_string()
}

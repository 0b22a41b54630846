//! The incremental cache: exactly the affected assets are rendered again, never a stale file.

mod common;
use common::*;
use std::path::Path;

const ID: &str = "stop-it-now-scotland-2019";

/// (rendered, unchanged) from the summary line.
fn counts(out: &std::process::Output) -> (usize, usize) {
    let err = stderr(out);
    let line = err.lines().find(|l| l.contains(" rendered, ")).unwrap_or_else(|| panic!("no summary in:\n{err}"));
    let num = |word: &str| -> usize {
        let before = &line[..line.find(word).unwrap()];
        before.split(|c: char| !c.is_ascii_digit()).rfind(|s| !s.is_empty()).unwrap().parse().unwrap()
    };
    (num(" rendered"), num(" unchanged"))
}

/// The bundled campaign with one edit, applied on top of the previous edits in `dir`.
fn edited(dir: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let p = dir.join("campaign.yaml");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|_| std::fs::read_to_string(bundled()).unwrap());
    assert!(text.contains(from), "fixture text {from:?} not in the campaign");
    std::fs::write(&p, text.replace(from, to)).unwrap();
    p
}

#[test]
fn exactly_the_affected_assets_are_rendered_again() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let c = edited(tmp.path(), "x", "x");
    assert_eq!(counts(&render(&c, &out, &[])), (21, 0));
    // Nothing changed: nothing rendered, nothing written (not even the manifest).
    let before = std::fs::metadata(out.join(ID).join("manifest.json")).unwrap().modified().unwrap();
    let again = render(&c, &out, &[]);
    assert_eq!(counts(&again), (0, 21));
    assert!(stderr(&again).contains(" 0 files written"), "{}", stderr(&again));
    assert_eq!(std::fs::metadata(out.join(ID).join("manifest.json")).unwrap().modified().unwrap(), before);
    // One message's headline: that message's 7 assets.
    let c = edited(tmp.path(), "You will be caught. You risk losing everything.", "You will be caught. You could lose everything.");
    assert_eq!(counts(&render(&c, &out, &[])), (7, 14));
    // A comment or a moved line changes no asset.
    let c = edited(tmp.path(), "You will be caught. You could lose everything.\"", "You will be caught. You could lose everything.\"\n    # a comment");
    assert_eq!(counts(&render(&c, &out, &[])), (0, 21));
    // The helpline reaches everything.
    let c = edited(tmp.path(), "helpline: \"0808 1000 900\"", "helpline: \"0808 1000 901\"");
    assert_eq!(counts(&render(&c, &out, &[])), (21, 0));
    // Hours reach every asset that shows them (all of them).
    let c = edited(tmp.path(), "hours: \"Mon–Fri 9am–5pm\"", "hours: \"Mon–Thu 9am–9pm\"");
    assert_eq!(counts(&render(&c, &out, &[])), (21, 0));
    // A brand colour reaches everything; the link only the assets with a QR (18 of 21).
    let c = edited(tmp.path(), "accent: \"#FFC20E\"", "accent: \"#FFD23F\"");
    assert_eq!(counts(&render(&c, &out, &[])), (21, 0));
    let c = edited(tmp.path(), "link: \"https://www.stopitnow.org.uk/\"", "link: \"https://www.stopitnow.org.uk/get-help\"");
    assert_eq!(counts(&render(&c, &out, &[])), (18, 3));
    // --force renders everything.
    assert_eq!(counts(&render(&c, &out, &["--force"])), (21, 0));
}

#[test]
fn a_deleted_or_edited_output_or_a_torn_cache_entry_is_rendered_again() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(counts(&render(&bundled(), &out, &[])), (21, 0));
    let dir = out.join(ID);
    let square = dir.join("social/instagram-square_you-will-be-caught_en-GB.png");
    let original = std::fs::read(&square).unwrap();
    std::fs::remove_file(&square).unwrap();
    std::fs::write(dir.join("social/x-post_you-will-be-caught_en-GB.png"), b"not a png").unwrap();
    let entries: Vec<_> = std::fs::read_dir(dir.join(".cache")).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(entries.len(), 21);
    let torn = entries.iter().find(|p| p.to_string_lossy().contains("phone-box__family")).unwrap();
    let t = std::fs::read(torn).unwrap();
    std::fs::write(torn, &t[..t.len() / 2]).unwrap();
    assert_eq!(counts(&render(&bundled(), &out, &[])), (3, 18));
    assert_eq!(std::fs::read(&square).unwrap(), original, "the same bytes come back");
    let x = image::open(dir.join("social/x-post_you-will-be-caught_en-GB.png")).expect("a real PNG again");
    assert_eq!(x.width(), 1200);
    // The manifest's hashes describe the files on disk.
    let m = manifest(&dir);
    for a in m["assets"].as_array().unwrap() {
        let bytes = std::fs::read(dir.join(a["path"].as_str().unwrap())).unwrap();
        assert_eq!(a["sha256"].as_str().unwrap(), billposter::output::manifest::sha256_hex(&bytes));
    }
}

#[test]
fn a_removed_message_leaves_no_stale_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(render(&bundled(), &out, &[]).status.success());
    let text = std::fs::read_to_string(bundled()).unwrap();
    // Drop the third message from the schedule: its assets are no longer made.
    let c = tmp.path().join("c.yaml");
    std::fs::write(&c, text.replace(", you-will-be-caught]", "]").replace("[you-will-be-caught, ", "[").replace(", you-will-be-caught, ", ", ")).unwrap();
    let r = render(&c, &out, &[]);
    assert!(r.status.success(), "{}", stderr(&r));
    let left: Vec<String> = files_below(&out.join(ID)).into_iter().filter(|f| f.contains("you-will-be-caught") && !f.starts_with(".cache")).collect();
    assert!(left.is_empty(), "stale files: {left:?}");
    let cached: Vec<String> = files_below(&out.join(ID)).into_iter().filter(|f| f.starts_with(".cache") && f.contains("you-will-be-caught")).collect();
    assert!(cached.is_empty(), "stale cache entries: {cached:?}");
}

//! Whatever is in the output folder, a render writes and deletes only inside
//! `<out>/<campaign-id>/`, never through a link, one render at a time, all or nothing; the cache
//! trusts no entry it cannot check; input text never reaches the terminal raw.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ID: &str = "test-campaign";

/// A small campaign with a print, a social and a screen asset per message (fast to render).
fn campaign(dir: &Path, name: &str, headline: &str, messages: &[&str]) -> PathBuf {
    let mut yaml = head(1, "[en-GB]");
    yaml.push_str("messages:\n");
    for m in messages {
        yaml.push_str(&format!("  - id: {m}\n    headline: \"{headline} {m}\"\n"));
    }
    yaml.push_str("placements:\n  - format: phone-box\n    sites: 2\n  - format: instagram-square\n  - format: d6\n");
    let p = dir.join(name);
    std::fs::write(&p, yaml).unwrap();
    p
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_billposter"));
    c.env("SOURCE_DATE_EPOCH", "1552867200");
    c
}

fn render_to(c: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let o = bin().arg("render").arg(c).arg("--out").arg(out).args(extra).output().unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    o
}

/// Every visible file of a campaign folder with its SHA-256 (hidden records left out).
fn state(dir: &Path) -> BTreeMap<String, String> {
    files_below(dir)
        .into_iter()
        .filter(|f| !f.starts_with('.'))
        .map(|f| {
            let b = std::fs::read(dir.join(&f)).unwrap();
            (f, billposter::output::manifest::sha256_hex(&b))
        })
        .collect()
}

/// The manifest describes the files on disk.
fn assert_consistent(dir: &Path) {
    let m = manifest(dir);
    for a in m["assets"].as_array().unwrap() {
        let bytes = std::fs::read(dir.join(a["path"].as_str().unwrap())).unwrap();
        assert_eq!(a["sha256"].as_str().unwrap(), billposter::output::manifest::sha256_hex(&bytes), "{a}");
    }
}

fn no_leftovers(dir: &Path) {
    let left: Vec<String> = files_below(dir).into_iter().filter(|f| f.starts_with(".staging") || f.contains(".tmp-")).collect();
    assert!(left.is_empty(), "leftovers: {left:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    let st = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
    assert!(st.success());
}

/// A folder outside the output with a file in it, and a check that both are untouched.
struct Victim {
    dir: PathBuf,
}

impl Victim {
    fn new(root: &Path) -> Victim {
        let dir = root.join("victim");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("precious.txt"), b"keep me").unwrap();
        Victim { dir }
    }
    fn untouched(&self) {
        assert_eq!(files_below(&self.dir), vec!["precious.txt".to_string()]);
        assert_eq!(std::fs::read(self.dir.join("precious.txt")).unwrap(), b"keep me");
    }
}

#[test]
fn a_link_where_a_render_writes_is_refused_and_nothing_outside_is_touched() {
    let mut cases = 0;
    for sub in ["", "print", "social", "screen", ".cache", ".staging"] {
        let tmp = tempfile::tempdir().unwrap();
        let c = campaign(tmp.path(), "c.yaml", "Get help", &["a"]);
        let out = tmp.path().join("out");
        let victim = Victim::new(tmp.path());
        let dir = out.join(ID);
        let link = if sub.is_empty() {
            std::fs::create_dir_all(&out).unwrap();
            dir.clone()
        } else {
            // An earlier render, then its folder swapped for a link.
            assert!(render_to(&c, &out, &[]).status.success());
            let l = dir.join(sub);
            if l.exists() {
                std::fs::remove_dir_all(&l).unwrap();
            }
            l
        };
        std::os::unix::fs::symlink(&victim.dir, &link).unwrap();
        let before = if sub.is_empty() { BTreeMap::new() } else { state(&dir) };
        for extra in [&[][..], &["--force"][..], &["--only", "social"][..]] {
            let r = render_to(&c, &out, extra);
            assert_eq!(r.status.code(), Some(2), "{sub}: {}", stderr(&r));
            assert!(stderr(&r).contains(&format!("{}: error[io]: is a symbolic link", link.display())), "{sub}: {}", stderr(&r));
            assert!(stderr(&r).contains("hint: remove the link"), "{}", stderr(&r));
            victim.untouched();
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is left as it was");
            if !sub.is_empty() {
                assert_eq!(state(&dir), before, "{sub}: the folder is unchanged");
            }
            cases += 1;
        }
    }
    assert_eq!(cases, 18);
}

#[test]
fn a_users_file_survives_and_a_planted_link_is_replaced_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let c = campaign(tmp.path(), "c.yaml", "Get help", &["a", "b"]);
    let out = tmp.path().join("out");
    let dir = out.join(ID);
    assert!(render_to(&c, &out, &[]).status.success());
    let victim = Victim::new(tmp.path());
    // A file of the user's in print/, one named like an asset the tool never made, one in the
    // campaign folder; a link planted where the tool writes an asset, and a temporary-looking
    // link a killed run might have left.
    std::fs::write(dir.join("print/notes.txt"), b"mine").unwrap();
    std::fs::write(dir.join("print/phone-box_z_en-GB_25pct.pdf"), b"mine too").unwrap();
    std::fs::write(dir.join("README.txt"), b"mine as well").unwrap();
    let square = dir.join("social/instagram-square_a_en-GB.png");
    std::fs::remove_file(&square).unwrap();
    std::os::unix::fs::symlink(victim.dir.join("precious.txt"), &square).unwrap();
    std::os::unix::fs::symlink(victim.dir.join("precious.txt"), dir.join("social/.instagram-square_b_en-GB.png.tmp-1234")).unwrap();
    // Message b is dropped: its files are the tool's own and go; the user's stay.
    let c2 = campaign(tmp.path(), "c.yaml", "Get help", &["a"]);
    let r = render_to(&c2, &out, &[]);
    assert!(r.status.success(), "{}", stderr(&r));
    victim.untouched();
    assert_eq!(std::fs::read(dir.join("print/notes.txt")).unwrap(), b"mine");
    assert_eq!(std::fs::read(dir.join("print/phone-box_z_en-GB_25pct.pdf")).unwrap(), b"mine too");
    assert_eq!(std::fs::read(dir.join("README.txt")).unwrap(), b"mine as well");
    assert!(!std::fs::symlink_metadata(&square).unwrap().file_type().is_symlink(), "the link was replaced by the asset");
    assert_eq!(image::open(&square).unwrap().width(), 1080);
    let b_files: Vec<String> = files_below(&dir).into_iter().filter(|f| f.contains("_b_")).collect();
    assert!(b_files.is_empty(), "the dropped message's files (and the planted temp link) are gone: {b_files:?}");
    assert_consistent(&dir);
    no_leftovers(&dir);
}

#[test]
fn a_second_render_of_the_same_folder_exits_2_while_the_first_holds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let dir = out.join("stop-it-now-scotland-2019");
    let first = bin().arg("render").arg(bundled()).arg("--out").arg(&out).arg("--force").stderr(Stdio::piped()).spawn().unwrap();
    let t = Instant::now();
    while !dir.exists() && t.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(100));
    let second = render_to(&bundled(), &out, &[]);
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    assert!(stderr(&second).contains("another billposter render is writing this folder"), "{}", stderr(&second));
    assert!(stderr(&second).contains(&dir.display().to_string()), "{}", stderr(&second));
    assert_consistent(&dir);
    no_leftovers(&dir);
    // Once the first is done, the folder is free again.
    assert!(render_to(&bundled(), &out, &[]).status.success());
}

/// Old state: messages a, b, c. New: a changed headline and c dropped (every file changes, some
/// go). `old` and `new` are the two states a folder may ever be in.
fn two_states(root: &Path) -> (PathBuf, PathBuf, BTreeMap<String, String>, BTreeMap<String, String>) {
    let c_old = campaign(root, "old.yaml", "Get help", &["a", "b", "c"]);
    let c_new = campaign(root, "new.yaml", "Talk to us", &["a", "b"]);
    let base = root.join("base");
    assert!(render_to(&c_old, &base, &[]).status.success());
    let old = state(&base.join(ID));
    let after = root.join("after");
    copy_dir(&base, &after);
    assert!(render_to(&c_new, &after, &[]).status.success());
    let new = state(&after.join(ID));
    assert_ne!(old, new);
    (base, c_new, old, new)
}

#[test]
fn a_run_killed_at_any_point_leaves_the_old_state_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (base, c_new, old, new) = two_states(tmp.path());
    // How long a run takes here, to spread the kills over it.
    let probe = tmp.path().join("probe");
    copy_dir(&base, &probe);
    let t = Instant::now();
    assert!(render_to(&c_new, &probe, &[]).status.success());
    let span_us = (t.elapsed().as_micros() as u64).max(1000);
    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("kill test seed {seed}, run {span_us} µs");
    let (mut saw_old, mut saw_new) = (0, 0);
    for i in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = Duration::from_micros(seed % (span_us + span_us / 4));
        let out = tmp.path().join(format!("k{i}"));
        copy_dir(&base, &out);
        let mut child = bin().arg("render").arg(&c_new).arg("--out").arg(&out).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let dir = out.join(ID);
        // What the next run does first (under the lock): finish a committed run, drop the rest.
        billposter::output::journal::recover(&dir).unwrap();
        let now = state(&dir);
        if now == old {
            saw_old += 1;
        } else {
            assert_eq!(now, new, "killed after {at:?} (seed {seed}): neither the old state nor the new one");
            saw_new += 1;
        }
        assert_consistent(&dir);
        no_leftovers(&dir);
        // And the next real run brings it to the new state.
        assert!(render_to(&c_new, &out, &[]).status.success());
        assert_eq!(state(&dir), new);
    }
    eprintln!("old {saw_old}, new {saw_new}");
}

#[test]
fn a_full_disk_or_a_file_in_the_way_leaves_the_old_state() {
    let tmp = tempfile::tempdir().unwrap();
    let (base, c_new, old, _) = two_states(tmp.path());
    // A full disk: files past 32 KiB cannot be written (SIGXFSZ ignored, so the write fails).
    let out = tmp.path().join("full");
    copy_dir(&base, &out);
    let script = format!("trap '' XFSZ; ulimit -f 64; exec \"$0\" render {} --out {}", c_new.display(), out.display());
    let r = Command::new("sh").arg("-c").arg(&script).arg(env!("CARGO_BIN_EXE_billposter")).env("SOURCE_DATE_EPOCH", "1552867200").output().unwrap();
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("error[io]"), "{}", stderr(&r));
    assert!(stderr(&r).contains(&out.join(ID).display().to_string()), "the error names the path: {}", stderr(&r));
    assert_eq!(state(&out.join(ID)), old);
    no_leftovers(&out.join(ID));
    // A file where a folder should be.
    let out = tmp.path().join("inway");
    copy_dir(&base, &out);
    std::fs::remove_dir_all(out.join(ID).join("screen")).unwrap();
    std::fs::write(out.join(ID).join("screen"), b"a file").unwrap();
    let old2 = state(&out.join(ID));
    let r = render_to(&c_new, &out, &[]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("screen: error[io]: is in the way"), "{}", stderr(&r));
    assert_eq!(state(&out.join(ID)), old2);
    // A folder where a file should be: found before the commit, nothing applied.
    let out = tmp.path().join("dirway");
    copy_dir(&base, &out);
    let square = out.join(ID).join("social/instagram-square_a_en-GB.png");
    std::fs::remove_file(&square).unwrap();
    std::fs::create_dir(&square).unwrap();
    let old3 = state(&out.join(ID));
    let r = render_to(&c_new, &out, &[]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("is a folder where billposter writes a file"), "{}", stderr(&r));
    assert_eq!(state(&out.join(ID)), old3);
    no_leftovers(&out.join(ID));
}

/// An edit to a cache entry.
type Edit = fn(&mut serde_json::Value);

/// The cache entry of one asset, as JSON.
fn entry_of(dir: &Path, part: &str) -> (PathBuf, serde_json::Value) {
    let p = std::fs::read_dir(dir.join(".cache")).unwrap().flatten().map(|e| e.path()).find(|p| p.to_string_lossy().contains(part)).unwrap();
    let v = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    (p, v)
}

fn rendered(o: &std::process::Output) -> usize {
    let err = stderr(o);
    let line = err.lines().find(|l| l.contains(" rendered, ")).unwrap_or_else(|| panic!("{err}"));
    line.split(": ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn an_edited_cache_entry_is_not_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let c = campaign(tmp.path(), "c.yaml", "Get help", &["a"]);
    let out = tmp.path().join("out");
    let dir = out.join(ID);
    assert!(render_to(&c, &out, &[]).status.success());
    let good = manifest(&dir);
    let edits: [(&str, Edit); 4] = [
        ("instagram-square", |v| v["entry"]["alt"] = "Call 0800 000 000".into()),
        ("phone-box", |v| v["entry"]["link"] = "https://evil.example/".into()),
        (
            "d6",
            |v| v["pixel_findings"] = serde_json::json!([{"code": "qr", "severity": "warning", "asset": null, "message": "x", "measured": null, "required": null, "file": null, "line": null, "column": null}]),
        ),
        ("d6", |v| v["files"][0]["rel"] = "manifest.json".into()),
    ];
    for (part, edit) in edits {
        let (p, mut v) = entry_of(&dir, part);
        edit(&mut v);
        std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
        let r = render_to(&c, &out, &[]);
        assert!(r.status.success(), "{}", stderr(&r));
        assert_eq!(rendered(&r), 1, "{part}: the edited entry is a miss, rendered again");
        assert_eq!(manifest(&dir), good, "{part}: the manifest says what the campaign says");
    }
}

#[test]
fn emptied_findings_in_the_cache_do_not_let_a_blocking_error_through() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let c = fixture("preflight/file-too-big.yaml");
    let r = render_to(&c, &out, &["--allow-findings"]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    let id = manifest_dir(&out);
    for e in std::fs::read_dir(id.join(".cache")).unwrap().flatten() {
        let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
        v["pixel_findings"] = serde_json::json!([]);
        v["entry"]["findings"] = serde_json::json!([]);
        std::fs::write(e.path(), serde_json::to_vec(&v).unwrap()).unwrap();
    }
    let r = render_to(&c, &out, &[]);
    assert_eq!(r.status.code(), Some(1), "the file-size error still blocks: {}", stderr(&r));
    assert!(stderr(&r).contains("error[file-size]"), "{}", stderr(&r));
}

fn manifest_dir(out: &Path) -> PathBuf {
    std::fs::read_dir(out).unwrap().flatten().map(|e| e.path()).find(|p| p.is_dir()).unwrap()
}

#[test]
fn control_characters_from_the_input_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = format!(
        "{}\"\\e[2J\\e[H\\rOK\\a\": 1\nmessages:\n  - id: a\n    headline: \"x\\e]0;pwned\\a\"\n    \"typo\\u202e\": 2\nplacements:\n  - format: d6\n",
        head(1, "[en-GB]")
    );
    let p = tmp.path().join("esc\u{1b}[31m.yaml");
    std::fs::write(&p, yaml).unwrap();
    for args in [vec!["check"], vec!["render", "--out"], vec!["check", "--format", "json"]] {
        let mut cmd = bin();
        cmd.arg(args[0]).arg(&p);
        if args.len() > 1 {
            cmd.arg(args[1]);
            cmd.arg(if args[1] == "--out" { tmp.path().join("out").into_os_string() } else { args[2].into() });
        }
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let all = [o.stdout.clone(), o.stderr.clone()].concat();
        let text = String::from_utf8_lossy(&all);
        // JSON is for programs: its strings keep the text (bidi marks included), with the C0
        // controls escaped by the JSON writer.
        let json = args.contains(&"json");
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n' && !(json && c as u32 >= 0x7f)) || (!json && c == '\u{202e}')),
            "raw control characters in: {text:?}"
        );
        assert!(text.contains("unknown key"), "{text}");
    }
}

#[test]
fn io_errors_name_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let c = campaign(tmp.path(), "c.yaml", "Get help", &["a"]);
    // The output folder is a file.
    let file = tmp.path().join("plain");
    std::fs::write(&file, b"x").unwrap();
    let r = render_to(&c, &file, &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains(&file.display().to_string()), "{}", stderr(&r));
    // A read-only output folder.
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mut perm = std::fs::metadata(&ro).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o555);
    std::fs::set_permissions(&ro, perm).unwrap();
    let r = render_to(&c, &ro, &[]);
    // Root can write anyway; anyone else gets a located error.
    if !r.status.success() {
        assert_eq!(r.status.code(), Some(2));
        assert!(stderr(&r).contains(&ro.display().to_string()), "{}", stderr(&r));
    }
}

/// A kill during the commit, at every step: the journal is written, the first k renames were
/// done; the next run's recovery brings the folder to the new state. Without a journal (killed
/// before the commit point) it brings back the old state.
#[test]
fn a_commit_interrupted_after_any_rename_is_finished_by_the_next_run() {
    use billposter::output::journal::{self, Journal};
    let tmp = tempfile::tempdir().unwrap();
    let (base, c_new, old, new) = two_states(tmp.path());
    let after = tmp.path().join("after").join(ID);
    let mut moves: Vec<String> = new.iter().filter(|(rel, sha)| old.get(*rel) != Some(*sha)).map(|(rel, _)| rel.clone()).collect();
    moves.push(journal::OWNED.into());
    let removes: Vec<String> = old.keys().filter(|rel| !new.contains_key(*rel)).cloned().collect();
    assert!(moves.len() > 3 && !removes.is_empty());
    let stage = |dir: &Path| {
        for rel in &moves {
            let to = dir.join(".staging").join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(after.join(rel), to).unwrap();
        }
    };
    let j = Journal { moves: moves.clone(), removes };
    for k in 0..=moves.len() {
        let out = tmp.path().join(format!("j{k}"));
        copy_dir(&base, &out);
        let dir = out.join(ID);
        stage(&dir);
        journal::write(&dir, &j).unwrap();
        for rel in &moves[..k] {
            std::fs::rename(dir.join(".staging").join(rel), dir.join(rel)).unwrap();
        }
        journal::recover(&dir).unwrap();
        assert_eq!(state(&dir), new, "interrupted after {k} renames");
        assert_consistent(&dir);
        no_leftovers(&dir);
        // And the binary agrees (its cache is the old state's, so it renders, to the same bytes).
        let r = render_to(&c_new, &out, &[]);
        assert!(r.status.success(), "{}", stderr(&r));
        assert_eq!(state(&dir), new);
    }
    // Killed before the commit point: staged files but no journal.
    let out = tmp.path().join("nojournal");
    copy_dir(&base, &out);
    stage(&out.join(ID));
    journal::recover(&out.join(ID)).unwrap();
    assert_eq!(state(&out.join(ID)), old);
    no_leftovers(&out.join(ID));
}

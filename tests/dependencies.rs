//! Dependency policy, checked without the network: no crate known to be unmaintained,
//! deprecated or unsound is anywhere in the build (Cargo.lock holds the whole resolved tree,
//! build and dev dependencies included).

/// The one list: each crate and why it may not come back.
const DENIED: &[(&str, &str)] = &[
    ("rusttype", "unmaintained since 2021 (RUSTSEC-2021-0140); skrifa draws the outlines"),
    ("serde_yaml", "deprecated and archived by its author; built on unsafe-libyaml; serde-saphyr parses"),
    ("serde_yml", "unsound (RUSTSEC-2025-0068, a segfault in its serializer), unmaintained and archived"),
    ("libyml", "serde_yml's C-translated backend (RUSTSEC-2025-0067)"),
    ("unsafe-libyaml", "unmaintained c2rust translation of libyaml (RUSTSEC-2024-0449)"),
    ("ttf-parser", "unmaintained (RUSTSEC-2026-0192); skrifa/read-fonts read fonts"),
    ("rustybuzz", "deprecated in favour of harfrust (RUSTSEC-2026-0206); parley shapes with harfrust"),
];

fn locked_crates() -> Vec<String> {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).expect("Cargo.lock is committed");
    lock.lines().filter_map(|l| l.strip_prefix("name = \"")).map(|n| n.trim_end_matches('"').to_string()).collect()
}

#[test]
fn no_denied_crate_is_in_the_build() {
    let crates = locked_crates();
    assert!(crates.len() > 50 && crates.iter().any(|c| c == "serde-saphyr"), "Cargo.lock was not read: {} crates", crates.len());
    let found: Vec<String> = DENIED.iter().filter(|(n, _)| crates.iter().any(|c| c == n)).map(|(n, why)| format!("{n}: {why}")).collect();
    assert!(found.is_empty(), "denied crates in Cargo.lock:\n{}", found.join("\n"));
}

/// `cargo tree` agrees with the lock file when cargo is at hand (offline: nothing is fetched).
#[test]
fn cargo_tree_offline_shows_none_of_them() {
    let Ok(out) = std::process::Command::new(env!("CARGO"))
        // The host target only: `--target all` would need crates for other systems downloaded.
        .args(["tree", "--offline", "--prefix", "none", "--edges", "normal,build,dev"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    else {
        return;
    };
    if !out.status.success() {
        // No registry cache here (a vendored or packaged build): the lock file test stands.
        eprintln!("cargo tree could not run offline; Cargo.lock was checked instead:\n{}", String::from_utf8_lossy(&out.stderr));
        return;
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("serde-saphyr"), "{tree}");
    for (n, why) in DENIED {
        assert!(!tree.lines().any(|l| l.split(' ').next() == Some(n)), "{n} is in the tree: {why}");
    }
}

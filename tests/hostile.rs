//! A corpus of hostile inputs, built here: special files where files are read (devices, FIFOs,
//! folders), sizes that lie, decompression bombs, texts and counts far past any campaign,
//! formats with no room, escape sequences. Each must end at once with exit 2 and a located
//! error naming the problem: no panic, no abort, no hang, within 20 s and 1 GiB.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Case {
    name: String,
    campaign: PathBuf,
    /// Words the error must contain.
    expect: &'static str,
}

fn base(extra: &str, messages: &str, placements: &str) -> String {
    format!("{}{extra}messages:\n{messages}placements:\n{placements}", head(1, "[en-GB]"))
}

const ONE_MESSAGE: &str = "  - id: a\n    headline: Get help\n";
const D6: &str = "  - format: d6\n";

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A PNG whose header claims `w × h` pixels (and no image data): a decompression bomb's header.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(w.to_be_bytes());
    chunk.extend(h.to_be_bytes());
    chunk.extend([8, 6, 0, 0, 0]);
    v.extend(13u32.to_be_bytes());
    v.extend(&chunk);
    v.extend(crc32(&chunk).to_be_bytes());
    // An empty IDAT: where a decoder stops reading the header and starts on the pixels.
    v.extend(0u32.to_be_bytes());
    v.extend(b"IDAT");
    v.extend(crc32(b"IDAT").to_be_bytes());
    v
}

/// A JPEG whose frame header claims `w × h`.
fn jpeg_header(w: u16, h: u16) -> Vec<u8> {
    let mut v = vec![0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08];
    v.extend(h.to_be_bytes());
    v.extend(w.to_be_bytes());
    v.extend([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
    v
}

fn fifo(path: &Path) {
    let st = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(st.success());
}

fn corpus(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut n = 0;
    let mut add = |name: &str, yaml: Option<String>, campaign: Option<PathBuf>, expect: &'static str| {
        n += 1;
        let campaign = campaign.unwrap_or_else(|| {
            let p = dir.join(format!("c{n}.yaml"));
            std::fs::write(&p, yaml.expect("yaml or a campaign path")).unwrap();
            p
        });
        cases.push(Case { name: name.to_string(), campaign, expect });
    };
    let file = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let sparse = |name: &str, len: u64| -> PathBuf {
        let p = dir.join(name);
        std::fs::File::create(&p).unwrap().set_len(len).unwrap();
        p
    };
    let fifo_at = |name: &str| -> PathBuf {
        let p = dir.join(name);
        fifo(&p);
        p
    };
    let link_to = |name: &str, target: &Path| -> PathBuf {
        let p = dir.join(name);
        std::os::unix::fs::symlink(target, &p).unwrap();
        p
    };
    let sub = dir.join("a-folder");
    std::fs::create_dir(&sub).unwrap();

    // The campaign file itself.
    for (name, path, expect) in [
        ("campaign /dev/zero", PathBuf::from("/dev/zero"), "not a regular file"),
        ("campaign /dev/null", PathBuf::from("/dev/null"), "not a regular file"),
        ("campaign /dev/urandom", PathBuf::from("/dev/urandom"), "not a regular file"),
        ("campaign FIFO", fifo_at("campaign.fifo"), "not a regular file"),
        ("campaign folder", sub.clone(), "found a directory"),
        ("campaign link to /dev/zero", link_to("zero.yaml", Path::new("/dev/zero")), "not a regular file"),
        ("campaign missing", dir.join("missing.yaml"), "no such file"),
        ("campaign 5 MB", file("big.yaml", &vec![b'#'; 5 << 20]), "too big"),
        ("campaign sparse 1 GB", sparse("sparse.yaml", 1 << 30), "too big"),
        ("campaign empty", file("empty.yaml", b""), "error["),
    ] {
        add(name, None, Some(path), expect);
    }

    // Fonts, logo, profile: every path the campaign names.
    let fonts_fifo = fifo_at("font.fifo");
    let logo_fifo = fifo_at("logo.fifo");
    let profile_fifo = fifo_at("profile.fifo");
    let garbage = file("garbage.bin", &[0x42; 4096]);
    let empty = file("empty.bin", b"");
    let huge_font = sparse("huge.ttf", 100 << 20);
    let huge_logo = sparse("huge.png", 100 << 20);
    let fifo_link = link_to("font-link.ttf", &fonts_fifo);
    let special: [(&str, PathBuf, &'static str); 8] = [
        ("/dev/zero", "/dev/zero".into(), "not a regular file"),
        ("/dev/null", "/dev/null".into(), "not a regular file"),
        ("FIFO", fonts_fifo.clone(), "not a regular file"),
        ("link to a FIFO", fifo_link, "not a regular file"),
        ("folder", sub.clone(), "directory"),
        ("garbage", garbage.clone(), "error["),
        ("empty", empty.clone(), "error["),
        ("100 MB", huge_font, "larger than"),
    ];
    for (what, p, expect) in &special {
        for role in ["headline", "body"] {
            let brand = format!("brand:\n  fonts:\n    {role}: \"{}\"\n", p.display());
            add(&format!("font {role} {what}"), Some(base(&brand, ONE_MESSAGE, D6)), None, expect);
        }
    }
    let logos: [(&str, PathBuf, &'static str); 12] = [
        ("/dev/zero", "/dev/zero".into(), "not a regular file"),
        ("FIFO", logo_fifo, "not a regular file"),
        ("folder", sub.clone(), "directory"),
        ("garbage", garbage.clone(), "not a PNG or JPEG"),
        ("empty", empty.clone(), "error["),
        ("100 MB", huge_logo, "larger than"),
        ("PNG 100000²", file("bomb1.png", &png_header(100_000, 100_000)), "megapixels"),
        ("PNG 11000²", file("bomb2.png", &png_header(11_000, 11_000)), "megapixels"),
        ("PNG 1 × 4e9", file("bomb3.png", &png_header(1, 4_000_000_000)), "brand.logo"),
        ("PNG 0 × 0", file("zero.png", &png_header(0, 0)), "brand.logo"),
        ("JPEG 16000²", file("bomb.jpg", &jpeg_header(16_000, 16_000)), "brand.logo"),
        ("truncated PNG", file("trunc.png", &png_header(64, 64)), "brand.logo"),
    ];
    for (what, p, expect) in logos {
        let brand = format!("brand:\n  logo: \"{}\"\n", p.display());
        add(&format!("logo {what}"), Some(base(&brand, ONE_MESSAGE, D6)), None, expect);
    }
    // A photograph's header is read at the load; its pixels on a thread of their own while the
    // run goes on. A file that fails past a good header (the truncated PNG) must still end the
    // run with exit 2 and a located error, like the load's own.
    let photos: [(&str, PathBuf, &'static str); 4] = [
        ("truncated PNG", file("photo-trunc.png", &png_header(64, 64)), "image: cannot load"),
        ("garbage", garbage.clone(), "not a PNG, JPEG or WebP"),
        ("PNG 100000²", file("photo-bomb.png", &png_header(100_000, 100_000)), "megapixels"),
        ("JPEG 16000²", file("photo-bomb.jpg", &jpeg_header(16_000, 16_000)), "image: cannot load"),
    ];
    for (what, p, expect) in photos {
        let msg = format!("  - id: a\n    headline: Get help\n    image: \"{}\"\n", p.display());
        add(&format!("photo {what}"), Some(base("layout: split\n", &msg, D6)), None, expect);
    }
    for (what, p, expect) in [
        ("/dev/zero", PathBuf::from("/dev/zero"), "not a regular file"),
        ("FIFO", profile_fifo, "not a regular file"),
        ("garbage", garbage.clone(), "not an ICC profile"),
        ("empty", empty.clone(), "not an ICC profile"),
    ] {
        let print = format!("print:\n  output_profile: \"{}\"\n", p.display());
        add(&format!("profile {what}"), Some(base(&print, ONE_MESSAGE, "  - format: phone-box\n    sites: 1\n")), None, expect);
    }

    // Texts and counts far past any campaign.
    let long = |n: usize| "word ".repeat(n / 5);
    let texts = [
        ("headline 3.9 MB", format!("  - id: a\n    headline: \"{}\"\n", long(3_900_000)), "characters long"),
        ("headline 2001 chars", format!("  - id: a\n    headline: \"{}x\"\n", long(2_000)), "characters long"),
        ("body 100k chars", format!("  - id: a\n    headline: Hi\n    body: \"{}\"\n", long(100_000)), "characters long"),
        ("caption 50k chars", format!("  - id: a\n    headline: Hi\n    caption: \"{}\"\n", long(50_000)), "characters long"),
        ("alt 10k chars", format!("  - id: a\n    headline: Hi\n    alt: \"{}\"\n", long(10_000)), "characters long"),
        ("headline map 3k chars", format!("  - id: a\n    headline:\n      en-GB: \"{}\"\n", long(3_000)), "characters long"),
        ("1000 messages", (0..1000).map(|i| format!("  - id: m{i}\n    headline: Message {i}\n")).collect(), "at most 100"),
        ("101 messages", (0..101).map(|i| format!("  - id: m{i}\n    headline: Message {i}\n")).collect(), "at most 100"),
    ];
    for (what, msgs, expect) in texts {
        add(what, Some(base("", &msgs, D6)), None, expect);
    }
    let langs: Vec<String> = (0..21).map(|i| format!("x{}", (b'a' + (i % 26) as u8) as char).repeat(1) + &format!("-{i:03}")).collect();
    add("21 languages", Some(format!("{}messages:\n{ONE_MESSAGE}placements:\n{D6}", head(1, &format!("[{}]", langs.join(", "))))), None, "error[");
    add("101 placements", Some(base("", ONE_MESSAGE, &D6.repeat(101))), None, "at most 100");
    let msgs: String = (0..100).map(|i| format!("  - id: m{i}\n    headline: Message {i}\n")).collect();
    add("100 messages × 25 placements", Some(base("", &msgs, &D6.repeat(25))), None, "at most 2000");

    // Formats with no room.
    let formats = [
        ("print 100 × 0.01 mm", "  - id: sliver\n    kind: print\n    width_mm: 100\n    height_mm: 0.01\n", "leaves no room"),
        ("print 0.01 × 100 mm", "  - id: sliver\n    kind: print\n    width_mm: 0.01\n    height_mm: 100\n", "leaves no room"),
        ("print 5000 × 10 mm", "  - id: sliver\n    kind: print\n    width_mm: 5000\n    height_mm: 10\n", "longer than"),
        ("print 1e30 mm", "  - id: sliver\n    kind: print\n    width_mm: 1e30\n    height_mm: 1e30\n", "error["),
        ("print NaN", "  - id: sliver\n    kind: print\n    width_mm: .nan\n    height_mm: 100\n", "positive"),
        ("print negative", "  - id: sliver\n    kind: print\n    width_mm: -100\n    height_mm: 100\n", "positive"),
        ("print safe 1e9", "  - id: sliver\n    kind: print\n    width_mm: 100\n    height_mm: 100\n    safe_mm: 1e9\n", "leaves no room"),
        ("print bleed 1e9", "  - id: sliver\n    kind: print\n    width_mm: 100\n    height_mm: 100\n    bleed_mm: 1e9\n", "error["),
        ("print scale 1e-30", "  - id: sliver\n    kind: print\n    width_mm: 100\n    height_mm: 100\n    scale: 1e-30\n", "scale"),
        ("social 16 × 10000", "  - id: sliver\n    kind: social\n    width_px: 16\n    height_px: 10000\n", "longer than"),
        ("social 0 px", "  - id: sliver\n    kind: social\n    width_px: 0\n    height_px: 100\n", "outside 16 to 10000"),
        ("social 4e9 px", "  - id: sliver\n    kind: social\n    width_px: 4000000000\n    height_px: 100\n", "outside 16 to 10000"),
    ];
    for (what, f, expect) in formats {
        let placements = if f.contains("print") { "  - format: sliver\n    sites: 1\n" } else { "  - format: sliver\n" };
        add(what, Some(base(&format!("formats:\n{f}"), ONE_MESSAGE, placements)), None, expect);
    }

    // YAML and values.
    let yamls = [
        ("escape sequences in a key", base("\"\\e[2J\\e[HOK\": 1\n", ONE_MESSAGE, D6), "unknown key"),
        ("NUL in a key", base("\"a\\0b\": 1\n", ONE_MESSAGE, D6), "unknown key"),
        ("bidi override in an id", base("", "  - id: \"a\\u202eb\"\n    headline: Hi\n", D6), "not a valid id"),
        ("id with a slash", base("", "  - id: ../../etc\n    headline: Hi\n", D6), "not a valid id"),
        ("id 10k chars", base("", &format!("  - id: {}\n    headline: Hi\n", "a".repeat(10_000)), D6), "error["),
        ("deep flow nesting", base(&format!("x: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)), ONE_MESSAGE, D6), "error["),
        ("100k keys", base(&format!("x: {{{}}}\n", (0..100_000).map(|i| format!("k{i}: 1")).collect::<Vec<_>>().join(", ")), ONE_MESSAGE, D6), "error["),
        ("3 MB plain scalar", base(&format!("x: {}\n", "a".repeat(3 << 20)), ONE_MESSAGE, D6), "error["),
        ("tabs for indentation", base("brand:\n\tbackground: \"#000000\"\n", ONE_MESSAGE, D6), "error["),
        ("duplicate key", base("brand: {}\nbrand: {}\n", ONE_MESSAGE, D6), "error["),
        ("two documents", format!("{}\n---\n{}", base("", ONE_MESSAGE, D6), base("", ONE_MESSAGE, D6)), "error["),
        ("binary tag", base("x: !!binary aGVsbG8=\n", ONE_MESSAGE, D6), "error["),
        ("language tag 10k chars", format!("{}messages:\n{ONE_MESSAGE}placements:\n{D6}", head(1, &format!("[{}]", "a".repeat(10_000)))), "language tag"),
        ("weeks 1e18", base("", ONE_MESSAGE, D6).replace("weeks: 1", "weeks: 1000000000000000000"), "error["),
        ("weeks -1", base("", ONE_MESSAGE, D6).replace("weeks: 1", "weeks: -1"), "error["),
        ("start 9999-99-99", base("", ONE_MESSAGE, D6).replace("2019-03-18", "9999-99-99"), "not a date"),
        ("sites 1e30", base("", ONE_MESSAGE, "  - format: phone-box\n    sites: 1e30\n"), "error["),
        ("link 10k chars", base("", ONE_MESSAGE, D6).replace("https://example.org/", &format!("https://example.org/{}", "a".repeat(10_000))), "contact.link"),
        ("link javascript:", base("", ONE_MESSAGE, D6).replace("https://example.org/", "javascript:alert(1)"), "contact.link"),
    ];
    for (what, y, expect) in yamls {
        add(what, Some(y), None, expect);
    }
    let utf16 = file("utf16.yaml", &[0xff, 0xfe, b'v', 0, b':', 0]);
    add("UTF-16 file", None, Some(utf16), "error[");
    let bad_utf8 = file("latin1.yaml", &[base("", ONE_MESSAGE, D6).as_bytes(), b"x: \xff\xfe\n"].concat());
    add("invalid UTF-8", None, Some(bad_utf8), "error[");
    cases
}

/// Run `check` on a case with a 20 s deadline and a 1 GiB address-space limit.
fn run(case: &Case) -> (Option<i32>, String, Duration) {
    let script = "ulimit -v 1048576; exec \"$0\" check \"$1\" --jobs 2";
    let t = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_billposter"))
        .arg(&case.campaign)
        .env("MALLOC_ARENA_MAX", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return (st.code(), err, t.elapsed());
        }
        if t.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            return (None, "timed out after 20 s".into(), t.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn every_hostile_input_ends_at_once_with_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = corpus(tmp.path());
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for c in &cases {
        let (code, err, took) = run(c);
        if took > slowest.0 {
            slowest = (took, c.name.clone());
        }
        let located = err.lines().any(|l| l.contains(": error[")) && err.contains("error[");
        let clean = !err.contains("panicked") && !err.chars().any(|ch| ch.is_control() && ch != '\n');
        if code != Some(2) || !located || !clean || !err.contains(c.expect) {
            failures.push(format!("{}: exit {code:?} in {took:?}; expected {:?}:\n{}", c.name, c.expect, err.chars().take(600).collect::<String>()));
        }
    }
    eprintln!("{} hostile inputs; slowest {:?} ({})", cases.len(), slowest.0, slowest.1);
    assert!(cases.len() >= 80, "the corpus has {} cases", cases.len());
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

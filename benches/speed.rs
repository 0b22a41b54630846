//! Whole-process speed benchmark: `cargo bench --bench speed`.
//!
//! Runs the release binary cargo built for this bench (`CARGO_BIN_EXE_billposter`, built with the
//! `bench` profile, which inherits `release`) as a child process, N times per measurement, and
//! prints a markdown table of min / median / mean wall time from spawn to exit (the files are
//! on disk when the process exits). Nothing here asserts a time: targets are reported, not
//! enforced, and the test suite does not build this file.
//!
//! Measurements (see BENCHMARKS.md):
//!  1. one instagram-square poster, cold (fresh output folder, `--force`)
//!  2. the bundled campaign, cold (fresh output folder)
//!  3. rerun with nothing changed (must print "0 rendered" and "0 files written", and leave every
//!     file and folder in the output untouched)
//!  4. one message's body changed (must render exactly that message's 7 assets), and the
//!     helpline changed (must render all 21)
//!  5. generated campaigns of 10 / 100 / 500 assets, cold (linearity; 100 messages at most)
//!  6. peak RSS of the bundled campaign, cold (`/usr/bin/time -f %M`; "skipped" without it)
//!  7. one 48-sheet proof + PDF alone, cold, and its peak RSS against one full-size pixel buffer
//!  8. the bundled campaign with `layout: split` and a 24-megapixel JPEG on every message, cold,
//!     and its peak RSS
//!
//! Noise: each measurement records the 1-minute load average before it and the CPU other
//! processes used while it ran (from /proc/stat minus this process and its children), so a
//! number taken on a busy machine shows as such.
//!
//! Arguments (after `--`): names of measurements to run (`social`, `campaign`, `rerun`, `edit`,
//! `linear`, `rss`, `proof`, `photo`); none means all. `BENCH_QUICK=1` runs fewer repetitions.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_billposter");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CAMPAIGN: &str = "campaigns/stop-it-now-scotland.yaml";
const CAMPAIGN_ID: &str = "stop-it-now-scotland-2019";
/// A 48-sheet proof: 609.6 × 304.8 mm supplied at 20 px/mm, capped to 4,000 px on the long side.
const PROOF_W: u64 = 4000;
const PROOF_H: u64 = 2000;

// ---------------------------------------------------------------------------------------------
// Running the binary

struct Run {
    wall: Duration,
    stderr: String,
    /// Peak resident set size in KiB, when run under /usr/bin/time.
    rss_kb: Option<u64>,
}

impl Run {
    /// `N assets: R rendered, U unchanged; W files written to …`
    fn summary(&self) -> (usize, usize, usize, usize) {
        let line = self
            .stderr
            .lines()
            .rev()
            .find(|l| l.contains(" rendered, ") && l.contains("files written"))
            .unwrap_or_else(|| panic!("no summary line in:\n{}", self.stderr));
        let nums: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).take(4).map(|s| s.parse().expect("digits")).collect();
        (nums[0], nums[1], nums[2], nums[3])
    }
    /// `timings (summed over threads): load 0.7 ms, layout 0.8 ms, …`
    fn timings(&self) -> Vec<(String, f64)> {
        let Some(line) = self.stderr.lines().find(|l| l.starts_with("timings")) else { return vec![] };
        let list = line.split_once(':').map(|x| x.1).unwrap_or("");
        list.split(',')
            .filter_map(|part| {
                let mut w = part.split_whitespace();
                let (name, ms) = (w.next()?, w.next()?.parse().ok()?);
                Some((name.to_string(), ms))
            })
            .collect()
    }
}

fn time_bin() -> Option<&'static str> {
    Path::new("/usr/bin/time").exists().then_some("/usr/bin/time")
}

/// Run `billposter ARGS` to completion; panics (with its stderr) unless it exits 0.
fn run(args: &[&str], rss: bool) -> Run {
    let rss_file = std::env::temp_dir().join(format!("billposter-bench-rss-{}", std::process::id()));
    let mut cmd = match (rss, time_bin()) {
        (true, Some(t)) => {
            let mut c = Command::new(t);
            c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(BIN);
            c
        }
        _ => Command::new(BIN),
    };
    cmd.args(args).current_dir(ROOT);
    let t = Instant::now();
    let out = cmd.output().expect("spawn billposter");
    let wall = t.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        panic!("billposter {} failed ({}):\n{stderr}", args.join(" "), out.status);
    }
    let rss_kb = (rss && time_bin().is_some()).then(|| {
        let s = fs::read_to_string(&rss_file).expect("/usr/bin/time output");
        let _ = fs::remove_file(&rss_file);
        s.lines().filter_map(|l| l.trim().parse().ok()).next_back().expect("a %M number")
    });
    Run { wall, stderr, rss_kb }
}

fn tmp(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("billposter-bench-{prefix}-")).tempdir().expect("temp dir")
}

// ---------------------------------------------------------------------------------------------
// Statistics and noise

#[derive(Clone, Copy)]
struct Stats {
    n: usize,
    min: f64,
    median: f64,
    mean: f64,
}

fn stats(ms: &[f64]) -> Stats {
    let mut v = ms.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
    Stats { n, min: v[0], median, mean: v.iter().sum::<f64>() / n as f64 }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median_of(v: &[f64]) -> f64 {
    stats(v).median
}

fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg").ok().and_then(|s| s.split_whitespace().next().map(String::from)).unwrap_or("?".into())
}

/// (CPU ticks all processes spent busy, ticks this process and its waited-for children spent).
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let f: Vec<u64> = stat.lines().next()?.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest is already in user)
    let busy = f[0] + f[1] + f[2] + f[5] + f[6] + f.get(7).copied().unwrap_or(0);
    let me = fs::read_to_string("/proc/self/stat").ok()?;
    let after = &me[me.rfind(')')? + 2..];
    // Fields after the comm, 0-based from `state` (field 3 of proc(5)): utime is field 14.
    let g: Vec<i64> = after.split_whitespace().skip(1).map(|x| x.parse().unwrap_or(0)).collect();
    let own = g[10] + g[11] + g[12] + g[13];
    Some((busy, own as u64))
}

/// Wait (up to `BENCH_WAIT_QUIET` seconds, default 120) until other processes use less than a
/// tenth of a core over a second, so a measurement does not start in the middle of someone
/// else's build. Returns how long it waited and whether it got quiet.
fn wait_quiet() -> (Duration, bool) {
    let limit = std::env::var("BENCH_WAIT_QUIET").ok().and_then(|s| s.parse().ok()).unwrap_or(120.0);
    let t = Instant::now();
    loop {
        let Some((b0, o0)) = cpu_ticks() else { return (t.elapsed(), false) };
        std::thread::sleep(Duration::from_secs(1));
        let Some((b1, o1)) = cpu_ticks() else { return (t.elapsed(), false) };
        let others = (b1 - b0).saturating_sub(o1 - o0) as f64 / 100.0;
        if others < 0.1 {
            return (t.elapsed(), true);
        }
        if t.elapsed().as_secs_f64() >= limit {
            return (t.elapsed(), false);
        }
    }
}

/// What ran while a measurement ran: others' CPU (in cores) and ours (billposter's parallelism).
struct Noise {
    load_before: String,
    start: Option<(u64, u64)>,
    t: Instant,
}

impl Noise {
    fn start() -> Noise {
        let (waited, quiet) = wait_quiet();
        if !quiet {
            eprintln!("speed: the machine did not get quiet within {:.0} s; measuring anyway (see the noise column)", waited.as_secs_f64());
        }
        Noise { load_before: loadavg(), start: cpu_ticks(), t: Instant::now() }
    }
    /// `load 1.23, others 0.05 cores, billposter 1.8 cores` (USER_HZ = 100 on Linux).
    fn finish(self) -> String {
        let secs = self.t.elapsed().as_secs_f64();
        match (self.start, cpu_ticks()) {
            (Some((b0, o0)), Some((b1, o1))) if secs > 0.0 => {
                let others = (b1 - b0).saturating_sub(o1 - o0) as f64 / 100.0 / secs;
                let ours = (o1 - o0) as f64 / 100.0 / secs;
                format!("load {}; others {:.2} cores, ours {:.2} cores", self.load_before, others, ours)
            }
            _ => format!("load {}", self.load_before),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output folder snapshot: a rerun must leave every file and folder untouched

fn snapshot(dir: &Path) -> Vec<(PathBuf, SystemTime, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let m = fs::metadata(&d).expect("stat");
        out.push((d.clone(), m.modified().expect("mtime"), m.len()));
        for e in fs::read_dir(&d).expect("read_dir") {
            let e = e.expect("dir entry");
            let m = e.metadata().expect("stat");
            if m.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), m.modified().expect("mtime"), m.len()));
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// Generated campaigns

/// Formats of each generated message: four social images and one print artwork (PDF + proof,
/// with a QR decoded in preflight), so every message adds 5 assets of the same mix.
const GEN_FORMATS: [&str; 5] = ["instagram-square", "instagram-story", "facebook-link", "x-post", "phone-box"];

fn generated_yaml(assets: usize) -> String {
    assert_eq!(assets % GEN_FORMATS.len(), 0);
    let mut y = String::from(
        "version: 1\ncampaign:\n  id: bench-generated\n  name: \"Bench generated\"\n  organisation: \"Bench Org\"\n  \
         languages: [en-GB]\n  start: 2024-01-01\n  weeks: 1\ncontact:\n  helpline: \"0808 1000 900\"\n  \
         hours: \"Mon–Fri 9am–5pm\"\n  website: \"example.org\"\n  link: \"https://www.example.org/\"\nmessages:\n",
    );
    for i in 0..assets / GEN_FORMATS.len() {
        let _ = write!(
            y,
            "  - id: m{i:04}\n    headline: \"Get help now. Call us today ({i}).\"\n    body: \"Talk to us in confidence.\"\n    \
             caption: \"Confidential help: 0808 1000 900 or example.org\"\n"
        );
    }
    y.push_str("placements:\n");
    for f in GEN_FORMATS {
        let _ = writeln!(y, "  - format: {f}");
        if f == "phone-box" {
            // A site per message: with fewer, the schedule posts only as many artworks as
            // sites in the week (the rest get a warning and no artwork).
            let _ = writeln!(y, "    sites: {}", (assets / GEN_FORMATS.len()).max(10));
        }
    }
    y
}

// ---------------------------------------------------------------------------------------------
// Report

struct Row {
    id: &'static str,
    what: String,
    s: Stats,
    target: &'static str,
    verdict: String,
    noise: String,
}

/// The bundled campaign with `layout: split` and one 6,000 × 4,000 JPEG (a gradient with
/// noise, so it compresses like a photo) named by every message; written into `dir`.
fn photo_campaign(dir: &Path) -> PathBuf {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let img = image::RgbImage::from_fn(6000, 4000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 24) as u32;
        image::Rgb([(40 + x * 180 / 6000 + n) as u8, (60 + y * 150 / 4000 + n) as u8, (140 + n) as u8])
    });
    let photo = dir.join("photo.jpg");
    let mut f = std::io::BufWriter::new(fs::File::create(&photo).expect("photo"));
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut f, 85).encode_image(&img).expect("encode photo");
    drop(f);
    let text = fs::read_to_string(Path::new(ROOT).join(CAMPAIGN)).expect("bundled campaign");
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
        if line.trim_start().starts_with("- id: ") {
            out.push_str("    image: {path: photo.jpg, focus: [0.5, 0.4], alt: \"A test photograph\"}\n");
        }
    }
    out = out.replace("# yaml-language-server: $schema=../docs/campaign.schema.json\n", "");
    out.push_str("layout: split\n");
    // The 48-sheet keeps the band layout: the bundled copy is written for the whole board, and
    // in a split's copy column it does not fit at 50 m legibility (a fit error, exit 1).
    out = out.replace("    sites: 40\n", "    sites: 40\n    layout: band\n");
    let yaml = dir.join("campaign.yaml");
    fs::write(&yaml, out).expect("campaign");
    yaml
}

fn fmt_ms(v: f64) -> String {
    if v >= 1000.0 { format!("{:.2} s", v / 1000.0) } else { format!("{v:.1} ms") }
}

fn mb(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

fn median_timings(runs: &[Run]) -> Vec<(String, f64)> {
    let names: Vec<String> = runs[0].timings().into_iter().map(|x| x.0).collect();
    names
        .iter()
        .map(|n| {
            let v: Vec<f64> = runs.iter().filter_map(|r| r.timings().into_iter().find(|x| &x.0 == n).map(|x| x.1)).collect();
            (n.clone(), median_of(&v))
        })
        .collect()
}

fn main() {
    let quick = std::env::var_os("BENCH_QUICK").is_some();
    let reps = |full: usize, q: usize| if quick { q } else { full };
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let want = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);

    println!("billposter speed benchmark: {BIN}");
    println!("(wall time of the whole process; median of N runs; stage split is summed over threads)\n");
    // Warm the page cache for the binary and the campaign once.
    {
        let d = tmp("warm");
        let out = d.path().to_str().unwrap();
        run(&["render", CAMPAIGN, "--out", out, "--only", "instagram-square", "--message", "you-will-be-caught"], false);
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut splits: Vec<(String, Vec<(String, f64)>)> = Vec::new();

    // (1) One instagram-square poster, cold.
    if want("social") {
        let noise = Noise::start();
        let runs: Vec<Run> = (0..reps(30, 5))
            .map(|_| {
                let d = tmp("social");
                let r = run(
                    &[
                        "render",
                        CAMPAIGN,
                        "--out",
                        d.path().to_str().unwrap(),
                        "--only",
                        "instagram-square",
                        "--message",
                        "you-will-be-caught",
                        "--force",
                        "--timings",
                    ],
                    false,
                );
                let (assets, rendered, _, _) = r.summary();
                assert_eq!((assets, rendered), (1, 1), "one asset rendered");
                assert!(d.path().join(CAMPAIGN_ID).join("social/instagram-square_you-will-be-caught_en-GB.png").is_file());
                r
            })
            .collect();
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        let ok = s.median <= 30.0;
        rows.push(Row {
            id: "1",
            what: "one 1080×1080 instagram-square, cold (`--only instagram-square --message you-will-be-caught --force`, fresh dir)".into(),
            s,
            target: "≤ 30 ms",
            verdict: if ok { "met".into() } else { format!("**missed** ({:.1} ms)", s.median) },
            noise: noise.finish(),
        });
        splits.push(("(1) one instagram-square".into(), median_timings(&runs)));
    }

    // (2) The bundled campaign, cold.
    if want("campaign") {
        let noise = Noise::start();
        let mut n_assets = 0;
        let runs: Vec<Run> = (0..reps(10, 3))
            .map(|_| {
                let d = tmp("campaign");
                let r = run(&["render", CAMPAIGN, "--out", d.path().to_str().unwrap(), "--timings"], false);
                let (assets, rendered, _, _) = r.summary();
                assert_eq!(assets, rendered, "cold: every asset rendered");
                n_assets = assets;
                r
            })
            .collect();
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        rows.push(Row {
            id: "2",
            what: format!("bundled campaign, cold: {n_assets} assets (15 social/screen + 6 print PDF with proof), fresh dir"),
            s,
            target: "≤ 1 s",
            verdict: if s.median <= 1000.0 { "met".into() } else { format!("**missed** ({})", fmt_ms(s.median)) },
            noise: noise.finish(),
        });
        splits.push((format!("(2) bundled campaign, {n_assets} assets"), median_timings(&runs)));
    }

    // (3) Rerun with nothing changed.
    if want("rerun") {
        let d = tmp("rerun");
        let out = d.path().to_str().unwrap();
        run(&["render", CAMPAIGN, "--out", out], false);
        let before = snapshot(d.path());
        let noise = Noise::start();
        let runs: Vec<Run> = (0..reps(30, 5))
            .map(|_| {
                let r = run(&["render", CAMPAIGN, "--out", out, "--timings"], false);
                let (assets, rendered, unchanged, written) = r.summary();
                assert_eq!((rendered, unchanged, written), (0, assets, 0), "rerun: 0 rendered, 0 files written\n{}", r.stderr);
                r
            })
            .collect();
        let noise = noise.finish();
        assert!(before == snapshot(d.path()), "rerun touched the output folder");
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        rows.push(Row {
            id: "3",
            what: "rerun, nothing changed: printed \"0 rendered\" and \"0 files written\"; every file and folder mtime unchanged".into(),
            s,
            target: "≤ 100 ms, writes nothing",
            verdict: if s.median <= 100.0 { "met (nothing written)".into() } else { format!("**missed** ({:.1} ms)", s.median) },
            noise,
        });
        splits.push(("(3) rerun, nothing changed".into(), median_timings(&runs)));
    }

    // (4) One message changed; the helpline changed.
    if want("edit") {
        let d = tmp("edit");
        let yaml = d.path().join("campaign.yaml");
        let original = fs::read_to_string(Path::new(ROOT).join(CAMPAIGN)).expect("bundled campaign");
        let body = "There are no grey areas. Get help to stop now.";
        let variants = [original.clone(), original.replacen(body, "There are no grey areas. Get help to stop today.", 1)];
        assert_ne!(variants[0], variants[1], "the body to edit is in the bundled campaign");
        fs::write(&yaml, &variants[0]).unwrap();
        let out = d.path().join("out");
        let (y, o) = (yaml.to_str().unwrap(), out.to_str().unwrap());
        run(&["render", y, "--out", o], false);
        let noise = Noise::start();
        let runs: Vec<Run> = (1..=reps(10, 3))
            .map(|i| {
                fs::write(&yaml, &variants[i % 2]).unwrap();
                let r = run(&["render", y, "--out", o, "--timings"], false);
                let (assets, rendered, unchanged, _) = r.summary();
                assert_eq!((rendered, unchanged), (7, assets - 7), "one message's body changed: its 7 assets re-rendered\n{}", r.stderr);
                r
            })
            .collect();
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        rows.push(Row {
            id: "4a",
            what: "one message's body changed (you-will-be-caught): rendered == 7, unchanged == 14".into(),
            s,
            target: "only that message's assets",
            verdict: "met (7 of 21 rendered)".into(),
            noise: noise.finish(),
        });
        splits.push(("(4a) one message changed".into(), median_timings(&runs)));

        fs::write(&yaml, &variants[0]).unwrap();
        run(&["render", y, "--out", o], false);
        let helplines = [original.clone(), original.replace("0808 1000 900", "0808 1000 901")];
        let noise = Noise::start();
        let mut n_assets = 0;
        let runs: Vec<Run> = (1..=reps(5, 2))
            .map(|i| {
                fs::write(&yaml, &helplines[i % 2]).unwrap();
                let r = run(&["render", y, "--out", o], false);
                let (assets, rendered, _, _) = r.summary();
                assert_eq!(rendered, assets, "helpline changed: everything re-rendered\n{}", r.stderr);
                n_assets = assets;
                r
            })
            .collect();
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        rows.push(Row {
            id: "4b",
            what: format!("helpline changed: rendered == {n_assets} (all)"),
            s,
            target: "everything re-rendered",
            verdict: format!("met ({n_assets} of {n_assets} rendered)"),
            noise: noise.finish(),
        });
    }

    // (6) Peak RSS of the bundled campaign, cold.
    let mut rss_report: Vec<String> = Vec::new();
    if want("rss") {
        match time_bin() {
            None => rss_report.push("peak RSS: skipped (/usr/bin/time not installed: apt-get install time)".into()),
            Some(_) => {
                let mut peak = 0;
                for _ in 0..reps(3, 1) {
                    let d = tmp("rss");
                    let r = run(&["render", CAMPAIGN, "--out", d.path().to_str().unwrap()], true);
                    peak = peak.max(r.rss_kb.unwrap());
                }
                let d = tmp("rss1");
                let r = run(&["render", CAMPAIGN, "--out", d.path().to_str().unwrap(), "-j1"], true);
                rss_report.push(format!(
                    "| bundled campaign, cold, default jobs (max of {}) | {:.1} MB | ≤ 300 MB | {} |",
                    reps(3, 1),
                    mb(peak),
                    if mb(peak) <= 300.0 { "met" } else { "**missed**" }
                ));
                rss_report.push(format!(
                    "| bundled campaign, cold, `-j1` | {:.1} MB | ≤ 300 MB | {} |",
                    mb(r.rss_kb.unwrap()),
                    if mb(r.rss_kb.unwrap()) <= 300.0 { "met" } else { "**missed**" }
                ));
            }
        }
    }

    // (8) The bundled campaign with a 24-megapixel photograph on every message, split layout.
    if want("photo") {
        let dir = tmp("photo-src");
        let yaml = photo_campaign(dir.path());
        // `BENCH_KEEP_PHOTO=DIR` copies the generated campaign and photo there, to profile by hand.
        if let Some(keep) = std::env::var_os("BENCH_KEEP_PHOTO") {
            fs::create_dir_all(&keep).expect("BENCH_KEEP_PHOTO folder");
            for name in ["campaign.yaml", "photo.jpg"] {
                fs::copy(dir.path().join(name), Path::new(&keep).join(name)).expect("copy photo campaign");
            }
        }
        let noise = Noise::start();
        let runs: Vec<Run> = (0..reps(5, 2))
            .map(|_| {
                let d = tmp("photo");
                let r = run(&["render", yaml.to_str().unwrap(), "--out", d.path().to_str().unwrap(), "--timings"], time_bin().is_some());
                assert_eq!(r.summary().1, r.summary().0, "every asset rendered");
                r
            })
            .collect();
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        let met = s.median <= 1500.0;
        rows.push(Row {
            id: "8",
            what: "bundled campaign, `layout: split` (48-sheet: band), a 24 MP JPEG on every message, cold".into(),
            s,
            target: "≤ 1.5 s",
            verdict: if met { "met".into() } else { "**missed**".into() },
            noise: noise.finish(),
        });
        splits.push(("(8) 24 MP photo on every message".into(), median_timings(&runs)));
        if let Some(peak) = runs.iter().filter_map(|r| r.rss_kb).max() {
            rss_report.push(format!(
                "| bundled campaign with a 24 MP photo on every message, cold | {:.1} MB | ≤ 400 MB | {} |",
                mb(peak),
                if mb(peak) <= 400.0 { "met" } else { "**missed**" }
            ));
        }
    }

    // (7) A 48-sheet proof (and its PDF) alone.
    if want("proof") {
        let noise = Noise::start();
        let runs: Vec<Run> = (0..reps(15, 3))
            .map(|_| {
                let d = tmp("proof");
                let r = run(
                    &[
                        "render",
                        CAMPAIGN,
                        "--out",
                        d.path().to_str().unwrap(),
                        "--only",
                        "billboard-48",
                        "--message",
                        "you-will-be-caught",
                        "--force",
                        "--timings",
                    ],
                    false,
                );
                assert_eq!(r.summary().1, 1);
                r
            })
            .collect();
        let s = stats(&runs.iter().map(|r| ms(r.wall)).collect::<Vec<_>>());
        rows.push(Row {
            id: "7",
            what: format!("one 48-sheet: {PROOF_W}×{PROOF_H} PNG proof + 10% vector PDF, cold (`--only billboard-48 --message you-will-be-caught --force`)"),
            s,
            target: "(peers: 7200×3600 flat)",
            verdict: "-".into(),
            noise: noise.finish(),
        });
        splits.push(("(7) one 48-sheet proof + PDF".into(), median_timings(&runs)));
        if time_bin().is_some() {
            // Baseline: the same process with nothing to draw (a rerun of the same selection).
            let d = tmp("proof-rss");
            let o = d.path().to_str().unwrap();
            let args = ["render", CAMPAIGN, "--out", o, "--only", "billboard-48", "--message", "you-will-be-caught"];
            let cold = run(&args, true).rss_kb.unwrap();
            let base = run(&args, true);
            assert_eq!(base.summary().1, 0);
            let base = base.rss_kb.unwrap();
            let delta = mb(cold.saturating_sub(base));
            let rgba = (PROOF_W * PROOF_H * 4) as f64 / 1e6;
            let rgb = (PROOF_W * PROOF_H * 3) as f64 / 1e6;
            rss_report.push(format!(
                "| one 48-sheet, cold | {:.1} MB ({:.1} MB above the same process with nothing to draw, {:.1} MB) | one full-size pixel buffer ({rgba:.0} MB RGBA pixmap, compacted in place to {rgb:.0} MB RGB) | {} |",
                mb(cold),
                delta,
                mb(base),
                if delta < rgba + rgb { "met: less than two buffers" } else { "**missed**: two or more buffers alive" }
            ));
        }
    }

    // (5) Generated campaigns: 10 / 100 / 500 assets (a campaign holds at most 100 messages).
    let mut linear: Vec<(usize, Stats, Option<u64>, String)> = Vec::new();
    if want("linear") {
        for (n, r) in [(10, reps(7, 2)), (100, reps(3, 1)), (500, reps(2, 1))] {
            let d = tmp("gen");
            let yaml = d.path().join("generated.yaml");
            fs::write(&yaml, generated_yaml(n)).unwrap();
            let noise = Noise::start();
            let mut rss = None::<u64>;
            let walls: Vec<f64> = (0..r)
                .map(|i| {
                    let out = d.path().join(format!("out{i}"));
                    let run = run(&["render", yaml.to_str().unwrap(), "--out", out.to_str().unwrap()], true);
                    let (assets, rendered, _, _) = run.summary();
                    assert_eq!((assets, rendered), (n, n), "generated campaign: all {n} assets rendered\n{}", run.stderr);
                    assert!(!run.stderr.contains("error["), "generated campaign passes preflight");
                    let _ = fs::remove_dir_all(&out);
                    rss = rss.max(run.rss_kb);
                    ms(run.wall)
                })
                .collect();
            linear.push((n, stats(&walls), rss, noise.finish()));
        }
    }

    // ---- print
    println!("## Results\n");
    println!("| # | measurement | runs | min | median | mean | target | result | machine noise during the runs |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.id,
            r.what,
            r.s.n,
            fmt_ms(r.s.min),
            fmt_ms(r.s.median),
            fmt_ms(r.s.mean),
            r.target,
            r.verdict,
            r.noise
        );
    }
    if !linear.is_empty() {
        println!("\n## (5) Linearity: generated campaigns, cold\n");
        println!("Each message adds {} assets: {}; print assets also write a PDF and decode their QR.", GEN_FORMATS.len(), GEN_FORMATS.join(", "));
        println!("Run under /usr/bin/time for peak RSS (adds ~1 ms per run).\n");
        println!("| assets | runs | min | median | mean | ms per asset (median) | per asset vs 10 | marginal ms per added asset | peak RSS | machine noise |");
        println!("|---|---|---|---|---|---|---|---|---|---|");
        let base = linear[0].1.median / linear[0].0 as f64;
        for (i, (n, s, rss, noise)) in linear.iter().enumerate() {
            let per = s.median / *n as f64;
            let marginal = match i {
                0 => "-".to_string(),
                _ => format!("{:.1} (from {})", (s.median - linear[i - 1].1.median) / (*n - linear[i - 1].0) as f64, linear[i - 1].0),
            };
            println!(
                "| {n} | {} | {} | {} | {} | {per:.1} | {:.2}× | {marginal} | {} | {noise} |",
                s.n,
                fmt_ms(s.min),
                fmt_ms(s.median),
                fmt_ms(s.mean),
                per / base,
                rss.map(|k| format!("{:.0} MB", mb(k))).unwrap_or("skipped".into())
            );
        }
        if let (Some(first), Some(last)) = (linear.first(), linear.last()) {
            println!(
                "\n{} → {} assets ({:.0}× the assets): {:.2}× the time (equal is linear).",
                first.0,
                last.0,
                last.0 as f64 / first.0 as f64,
                last.1.median / first.1.median
            );
        }
    }
    if !rss_report.is_empty() {
        println!("\n## (6, 7) Peak memory (peak RSS from /usr/bin/time -f %M, KiB → MB)\n");
        println!("| run | peak RSS | target | result |");
        println!("|---|---|---|---|");
        for l in &rss_report {
            println!("{l}");
        }
    }
    if !splits.is_empty() {
        println!("\n## Per-stage split (`--timings`, median over the runs, ms summed over threads)\n");
        let names: Vec<String> = splits[0].1.iter().map(|x| x.0.clone()).collect();
        println!("| run | {} |", names.join(" | "));
        println!("|---|{}", "---|".repeat(names.len()));
        for (what, t) in &splits {
            let cells: Vec<String> = names.iter().map(|n| t.iter().find(|x| &x.0 == n).map(|x| format!("{:.1}", x.1)).unwrap_or("-".into())).collect();
            println!("| {what} | {} |", cells.join(" | "));
        }
    }
}

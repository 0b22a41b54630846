//! Where the time of a run went, summed over worker threads (`--timings`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The stages a run's time is reported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Load,
    Layout,
    Raster,
    Encode,
    Pdf,
    Preflight,
    Write,
}

impl Stage {
    pub const ALL: [Stage; 7] = [Stage::Load, Stage::Layout, Stage::Raster, Stage::Encode, Stage::Pdf, Stage::Preflight, Stage::Write];

    pub fn as_str(&self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Layout => "layout",
            Stage::Raster => "raster",
            Stage::Encode => "encode",
            Stage::Pdf => "pdf",
            Stage::Preflight => "preflight",
            Stage::Write => "write",
        }
    }
}

#[derive(Default)]
pub struct Timings {
    nanos: [AtomicU64; Stage::ALL.len()],
}

impl Timings {
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        self.add(stage, t.elapsed());
        r
    }
    pub fn add(&self, stage: Stage, d: Duration) {
        self.nanos[stage as usize].fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }
    /// Milliseconds per stage, in `Stage::ALL` order.
    pub fn report(&self) -> Vec<(&'static str, f64)> {
        Stage::ALL.iter().zip(&self.nanos).map(|(s, n)| (s.as_str(), n.load(Ordering::Relaxed) as f64 / 1e6)).collect()
    }
}

//! Where the time of a run went, summed over worker threads (`--timings`).

use std::cell::Cell;
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

thread_local! {
    /// The stage this thread is timing now: which `Timings`, which stage, since when.
    static CURRENT: Cell<Option<(usize, Stage, Instant)>> = const { Cell::new(None) };
}

impl Timings {
    /// Time `f` as `stage`. Exclusive: a stage timed inside another on the same thread (a
    /// worker waiting for a photo renders other assets meanwhile) pauses the outer one, so no
    /// time is counted twice.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let me = self as *const Timings as usize;
        let start = Instant::now();
        let outer = CURRENT.replace(Some((me, stage, start)));
        if let Some((_, s, since)) = outer.filter(|(t, _, _)| *t == me) {
            self.add(s, start - since);
        }
        let r = f();
        let end = Instant::now();
        if let Some((_, s, since)) = CURRENT.get() {
            self.add(s, end - since);
        }
        CURRENT.set(outer.map(|(t, s, _)| (t, s, end)));
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

//! A value made once, by the first thread that needs it, and shared by every later one — like
//! `OnceLock`, except in how a thread waits for it. A photo's resample or its print JPEG takes
//! a core for a few tenths of a second, and every asset of its family needs it; a rayon worker
//! blocked on a `OnceLock` does nothing meanwhile, which on two cores is half the machine. A
//! worker that finds the value being made runs other pending tasks (other assets) while it
//! waits, and only sleeps when there are none.
//!
//! One exception keeps that safe: a thread that is itself making a value blocks instead of
//! running other tasks, which could come back to the value it is making (the halved photo, say,
//! waited for inside a resample another task also needs). Values never wait for each other in
//! a cycle (a resample may wait for the halved photo, never the reverse), so blocking there
//! always ends.

use std::cell::Cell;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

pub struct MadeOnce<T> {
    state: Mutex<State<T>>,
    ready: Condvar,
}

enum State<T> {
    Empty,
    Making,
    Done(T),
}

thread_local! {
    /// How many values this thread is making now (nested: a resample making the halved photo).
    static MAKING: Cell<u32> = const { Cell::new(0) };
}

/// How long a waiting thread with nothing else to run sleeps before it looks for new tasks.
const IDLE_WAIT: Duration = Duration::from_millis(1);

impl<T> Default for MadeOnce<T> {
    fn default() -> Self {
        MadeOnce { state: Mutex::new(State::Empty), ready: Condvar::new() }
    }
}

impl<T: Clone> MadeOnce<T> {
    /// The value, made by `make` if no thread has made it or is making it.
    pub fn get_or_make(&self, make: impl FnOnce() -> T) -> T {
        let mut s = self.lock();
        loop {
            match &*s {
                State::Done(v) => return v.clone(),
                State::Empty => {
                    *s = State::Making;
                    drop(s);
                    return self.make(make);
                }
                State::Making => {
                    if MAKING.get() > 0 {
                        s = self.ready.wait(s).unwrap_or_else(|e| e.into_inner());
                        continue;
                    }
                    drop(s);
                    if !matches!(rayon::yield_now(), Some(rayon::Yield::Executed)) {
                        let g = self.lock();
                        if matches!(*g, State::Making) {
                            let _ = self.ready.wait_timeout(g, IDLE_WAIT);
                        }
                    }
                    s = self.lock();
                }
            }
        }
    }

    /// The value if it has been made.
    pub fn get(&self) -> Option<T> {
        match &*self.lock() {
            State::Done(v) => Some(v.clone()),
            _ => None,
        }
    }

    fn make(&self, make: impl FnOnce() -> T) -> T {
        // Should `make` panic, the value goes back to unmade (waiters would wait forever).
        struct Unwind<'a, T>(&'a MadeOnce<T>);
        impl<T> Drop for Unwind<'_, T> {
            fn drop(&mut self) {
                MAKING.set(MAKING.get() - 1);
                let mut s = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
                if matches!(*s, State::Making) {
                    *s = State::Empty;
                }
                self.0.ready.notify_all();
            }
        }
        MAKING.set(MAKING.get() + 1);
        let guard = Unwind(self);
        let v = make();
        *self.lock() = State::Done(v.clone());
        drop(guard);
        v
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn made_once_however_many_threads_ask() {
        let cell = Arc::new(MadeOnce::<u64>::default());
        let made = Arc::new(AtomicU32::new(0));
        let got: Vec<u64> = rayon::broadcast(|_| {
            (0..50)
                .map(|_| {
                    cell.get_or_make(|| {
                        made.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        42
                    })
                })
                .sum()
        });
        assert_eq!(made.load(Ordering::SeqCst), 1);
        assert!(got.iter().all(|&s| s == 42 * 50));
        assert_eq!(cell.get(), Some(42));
    }

    #[test]
    fn a_panic_while_making_lets_the_next_caller_make_it() {
        let cell = MadeOnce::<u32>::default();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cell.get_or_make(|| panic!("broken"))));
        assert!(r.is_err());
        assert_eq!(cell.get_or_make(|| 7), 7);
    }
}

//! Panic isolation: a bug met while checking one file must cost that file only. [`catch`] runs a
//! piece of work and turns a panic in it into an error message that says where copydesk failed;
//! [`install_hook`] (called once by the binary) keeps such caught panics off standard error,
//! where they would interleave with the report, while panics outside [`catch`] still print as
//! Rust prints them.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Whether this thread is inside [`catch`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// What the hook saw of the last caught panic on this thread: its message and location.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that records the panics [`catch`] will catch, and hands every other
/// panic to the hook that was there before.
pub fn install_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if GUARDED.get() {
            let at = info
                .location()
                .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            LAST.set(Some(format!("{}{at}", message(info.payload()))));
        } else {
            previous(info);
        }
    }));
}

/// Runs `work`; a panic in it becomes `Err` with the panic's message (and its location, when the
/// hook is installed). The work's state may be half-changed: callers drop it.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    GUARDED.set(outer);
    result.map_err(|payload| {
        LAST.take()
            .unwrap_or_else(|| message(payload.as_ref()).to_string())
    })
}

/// In debug builds only, for the tests of panic isolation: a check of a text holding the value
/// of `COPYDESK_TEST_CRASH` panics, as a bug in a check would.
pub fn test_crash(text: &str) {
    #[cfg(debug_assertions)]
    if let Some(marker) = std::env::var_os("COPYDESK_TEST_CRASH")
        && let Some(marker) = marker.to_str().filter(|m| !m.is_empty())
        && text.contains(marker)
    {
        panic!("a test crash, asked for by COPYDESK_TEST_CRASH");
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}

fn message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_guard_is_lifted() {
        assert_eq!(catch(|| 7), Ok(7));
        let err = catch(|| -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert!(err.starts_with("boom 1"), "{err}");
        assert!(!GUARDED.get());
    }
}

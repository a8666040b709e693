//! Performance marks the benchmarks read (`performance.getEntriesByName`):
//! they measure what users wait for, from inside the page.

/// Records `name` once per page load, at the current time.
pub fn mark_once(name: &str) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    if performance.get_entries_by_name(name).length() == 0 {
        let _ = performance.mark(name);
    }
}

/// Records a measured duration as a mark whose name carries it, for the
/// benchmarks: `logs-archive-ms=1234`.
pub fn record(name: &str, milliseconds: f64) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("{name}={milliseconds:.0}"));
    }
}

/// Records `name` at the current time, once more (the benchmarks count
/// them, e.g. one per chart drawn).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

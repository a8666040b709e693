//! Metrics computed on demand, synthetic but consistent: what ran when
//! (`timeline`, read back from the events), what each container uses
//! (`usage`), what the router sees (`requests`), and the series, live
//! stats and recommended values built from them (`metrics`, `window`,
//! `realtime`, `recommended`). Deterministic noise (`noise`) makes the
//! same moment give the same value whenever it is asked for.

pub mod metrics;
pub mod noise;
pub mod realtime;
pub mod recommended;
pub mod requests;
pub mod timeline;
pub mod usage;
pub mod window;

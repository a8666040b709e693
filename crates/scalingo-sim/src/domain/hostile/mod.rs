//! The hostile demo (`--demo hostile`): the normal demo plus apps, users,
//! events and log lines made to break careless user interfaces. Every probe
//! app belongs to, or is shared with, the demo user (Ada), has a valid name
//! (so the dashboard can open it) and runs a web container (so it has
//! logs). What each probe carries, and how a correct dashboard shows it:
//!
//! - **`xss-probe-app`**: owned by a user whose username, full name and
//!   email contain [`IMG_ONERROR`](payloads::IMG_ONERROR) and
//!   [`SCRIPT_TAG`](payloads::SCRIPT_TAG), in a project named with both;
//!   `url`, `base_url`, `git_url`, `git_source` and
//!   `links.deployments_stream` are `javascript:` URLs; a flag is named
//!   with markup; a pending invitation has markup in its email; events
//!   carry markup and `javascript:` links in their data (`git_ref`,
//!   `git_ref_url`, `hostname`, `repo_link`); a notifier is named with
//!   markup and its webhook URL is `javascript:`, another's addresses are
//!   markup, an alert's limit is absurd (see [`settings`]). Expected:
//!   every one of them shown as literal text; no dialog, no broken
//!   layout, no clickable
//!   `javascript:` link (links are followed only for `http(s)` URLs);
//!   no Content-Security-Policy report.
//! - **`rtl-probe-app`**: owner, project, `base_url` and events with a
//!   RIGHT-TO-LEFT OVERRIDE (U+202E) and zero-width characters
//!   (`invoice\u{202E}fdp.exe`, which draws as `invoiceexe.pdf`).
//!   Expected: the override stays inside its own element (isolated with
//!   `<bdi>` or `unicode-bidi: isolate`, or made visible) and does not
//!   reverse the text around it (labels, columns, dates); zero-width
//!   characters do not make two names look identical in a way that
//!   matters (search and copy keep working).
//! - **`huge-strings-app`**: owned by a user whose username is a 100 KB
//!   string without a single break opportunity; an event carries another
//!   one; its logs carry a 100 KB line every ten minutes. Expected: lists,
//!   headers and the timeline stay within their columns (truncated with an
//!   ellipsis, the full text in a tooltip or on demand), the page stays
//!   responsive, the log viewer keeps scrolling smoothly.
//! - **`quantum-state-app`**: unknown enum values: app `status`
//!   `"quantum"`, containers in state `"superposed"` (`/ps`), operations
//!   of type `"teleport"`, events of type `"quantum_leap"` and a scale
//!   event with an ill-formed value. Expected: shown as they are (a
//!   neutral badge with the raw word), never a crash nor a page-wide
//!   error; actions that do not depend on them still work.
//! - **`deep-json-app`**: wire-level oddities: `GET /v1/apps/deep-json-app`
//!   has an unknown field nested [`NESTING_DEPTH`](payloads::NESTING_DEPTH)
//!   (200) objects deep; in the list and the show, optional fields are
//!   missing (`created_at`, `updated_at`, `last_deployed_at`, `links`,
//!   `project`, the owner's `email`) and others have the wrong type
//!   (`"force_https": "yes"`, `"sticky_session": 1`, `"flags": []`,
//!   `"limits": "none"`, `"private_networks_ids": {…}`, `"stack_id": 42`,
//!   `"data_access_consent": "none"`); in `/ps`, `"type_index": "1"`,
//!   `"created_at": 0`, no `label`, `"container_size": "M"`; in
//!   `/containers`, `"amount": "2"`; an event has `"type_data": null`.
//!   Expected: the app is listed and its page renders, with defaults or
//!   "unknown" for what is missing or odd. A JSON parser with a recursion
//!   limit below 200 (serde_json's default is 128) refuses the show: the
//!   page must then show that error with a retry, contained to that page.
//!
//! The log lines of every probe app (see [`logs`]) add markup, ANSI escape
//! garbage, bidirectional overrides, control characters and, every ten
//! minutes, a 100 KB line; so do the outputs of their deployments (see
//! [`builds`]). Expected: shown as text, colours only from valid SGR
//! sequences, nothing else interpreted.
//!
//! Their environments (see `demo::variables`) hold markup, a value of
//! exactly 32,768 characters (the limit), names of exactly 64 characters,
//! aliases to a missing variable and in a cycle, and multi-line values.
//!
//! Their addons and domains (see `addons`) carry markup, a plain
//! `http://` logo, a `javascript:` site and a 100 KB certificate subject.
//!
//! The data is generated into the platform (and its data file, which stays
//! hostile: `Platform::hostile`); the wire-level oddities are applied to
//! responses as they leave (see [`wire`]), so the simulator's own logic
//! keeps working on well-formed records.

mod addons;
pub mod builds;
mod data;
pub mod logs;
pub mod payloads;
pub mod settings;
pub mod wire;

pub use data::add;

/// The probe apps, in the default region (`osc-fr1`).
pub const PROBE_APPS: [&str; 5] = [XSS_PROBE, RTL_PROBE, HUGE_STRINGS, QUANTUM_STATE, DEEP_JSON];

pub const XSS_PROBE: &str = "xss-probe-app";
pub const RTL_PROBE: &str = "rtl-probe-app";
pub const HUGE_STRINGS: &str = "huge-strings-app";
pub const QUANTUM_STATE: &str = "quantum-state-app";
pub const DEEP_JSON: &str = "deep-json-app";

/// True for the name of a probe app.
pub fn is_probe(name: &str) -> bool {
    PROBE_APPS.contains(&name)
}

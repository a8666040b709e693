use leptos::prelude::*;
use scalingo_api::AppStatus;

/// The colour family of a status, as a CSS modifier.
fn tone(status: &AppStatus) -> &'static str {
    match status {
        AppStatus::Running => "ok",
        AppStatus::Crashed => "danger",
        AppStatus::Restarting | AppStatus::Scaling | AppStatus::Booting => "busy",
        AppStatus::New => "info",
        AppStatus::Stopped | AppStatus::Other(_) => "muted",
    }
}

/// An application's status as a coloured badge; the text says it too, so
/// colour is never the only cue.
#[component]
pub fn StatusBadge(status: Option<AppStatus>) -> impl IntoView {
    let status = status.unwrap_or_else(|| AppStatus::Other("unknown".to_owned()));
    let class = format!("badge badge--{}", tone(&status));
    view! { <span class=class>{status.to_string()}</span> }
}

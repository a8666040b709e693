use leptos::prelude::*;
use scalingo_api::DeploymentStatus;

/// The colour family of a deployment's status, as a CSS modifier.
fn tone(status: &DeploymentStatus) -> &'static str {
    match status {
        DeploymentStatus::Success => "ok",
        DeploymentStatus::Queued
        | DeploymentStatus::Building
        | DeploymentStatus::Pushing
        | DeploymentStatus::Starting => "busy",
        DeploymentStatus::Aborted | DeploymentStatus::Unknown(_) => "muted",
        _ => "danger",
    }
}

/// A deployment's status as a badge: the words say it (colour is never
/// the only cue), the API's own value is its tooltip; a status this
/// version does not know is shown as sent.
#[component]
pub fn DeploymentBadge(#[prop(into)] status: Signal<DeploymentStatus>) -> impl IntoView {
    view! {
        <span
            class=move || format!("badge badge--{}", status.with(tone))
            title=move || status.with(|s| s.as_str().to_owned())
        >
            {move || status.with(|s| s.phase_label().to_owned())}
        </span>
    }
}

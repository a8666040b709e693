use leptos::prelude::*;

use crate::logic::env_diff::{masked, Change, EnvDiff};

/// What a bulk edit changes, before it is applied: added, changed and
/// removed variables, values masked unless `show_values`.
#[component]
pub fn EnvDiffView(diff: EnvDiff, #[prop(into)] show_values: Signal<bool>) -> impl IntoView {
    let text = move |value: String| {
        move || {
            if show_values.get() {
                value.clone()
            } else {
                masked(&value)
            }
        }
    };
    let rows = diff
        .changes
        .into_iter()
        .map(|change| {
            let (class, sign, label) = match &change {
                Change::Added { .. } => ("env-diff__row--added", "+", "added"),
                Change::Changed { .. } => ("env-diff__row--changed", "~", "changed"),
                Change::Removed { .. } => ("env-diff__row--removed", "−", "removed"),
            };
            let name = change.name().to_owned();
            let values = match change {
                Change::Added { value, .. } => {
                    view! { <span class="mono">{text(value)}</span> }.into_any()
                }
                Change::Changed { old, new, .. } => view! {
                    <span class="mono env-diff__old">{text(old)}</span>
                    <span aria-hidden="true">" → "</span>
                    <span class="visually-hidden">" becomes "</span>
                    <span class="mono">{text(new)}</span>
                }
                .into_any(),
                Change::Removed { old, .. } => {
                    view! { <span class="mono env-diff__old">{text(old)}</span> }.into_any()
                }
            };
            view! {
                <li class=format!("env-diff__row {class}")>
                    <span class="env-diff__sign" aria-hidden="true">{sign}</span>
                    <span class="mono env-diff__name">{name}</span>
                    <span class="badge badge--muted">{label}</span>
                    <span class="env-diff__values">{values}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="env-diff" aria-label="Changes">{rows}</ul> }
}

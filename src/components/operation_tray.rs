use leptos::prelude::*;

use crate::logic::routes::link;
use leptos_router::components::A;
use scalingo_api::OperationStatus;

use crate::ui::{Button, ButtonSize, ButtonVariant};
use crate::{
    logic::routes::{app_href, Tab},
    state::operations::{use_operations, Tracked},
};

/// `3 s`, `1 min 12 s`.
pub fn elapsed(ms: f64) -> String {
    let seconds = (ms / 1000.0).max(0.0).round() as u64;
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min {} s", seconds / 60, seconds % 60)
    }
}

/// A clock that ticks every second while something is running, for
/// elapsed times.
pub fn use_ticking_now() -> ReadSignal<f64> {
    let (now, set_now) = signal(js_sys::Date::now());
    let handle = set_interval_with_handle(
        move || set_now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(1),
    );
    on_cleanup(move || {
        if let Ok(handle) = handle {
            handle.clear();
        }
    });
    now
}

/// The state of one operation in words, with its elapsed time.
#[component]
pub fn OperationStatusLine(op: Tracked, now: ReadSignal<f64>) -> impl IntoView {
    let (tone, word) = match (&op.status, &op.error) {
        (OperationStatus::Done, _) => ("ok", "done"),
        (OperationStatus::Error, _) | (_, Some(_)) => ("danger", "failed"),
        (OperationStatus::Running, _) => ("busy", "running"),
        (OperationStatus::Pending, _) => ("busy", "pending"),
        (OperationStatus::Other(_), _) => ("muted", "unknown state"),
    };
    let started = op.started_ms;
    let finished = op.finished_ms;
    let time = move || elapsed(finished.unwrap_or_else(|| now.get()) - started);
    let class = format!("badge badge--{tone}");
    view! {
        <span class="operation-line">
            <span class=class>{word}</span>
            <span class="operation-line__label">{op.label.clone()}</span>
            <span class="muted operation-line__time">{time}</span>
        </span>
        {op.error.clone().map(|error| view! { <span class="operation-line__error">{error}</span> })}
    }
}

/// Operations of every app, in a corner of every page, so that leaving a
/// page does not lose track of what is running.
#[component]
pub fn OperationTray() -> impl IntoView {
    let operations = use_operations();
    let now = use_ticking_now();
    move || {
        let items = operations.all();
        (!items.is_empty()).then(|| {
            let rows = items
                .into_iter()
                .map(|op| {
                    let key = op.key;
                    let href = app_href(&op.app, Tab::Containers);
                    let finished = op.is_finished();
                    let app = op.app.clone();
                    view! {
                        <li class="tray__item">
                            <A href=link(&href) attr:class="tray__app">{app}</A>
                            <OperationStatusLine op now />
                            {finished
                                .then(|| {
                                    view! {
                                        <Button variant=ButtonVariant::Ghost size=ButtonSize::Icon attr:aria-label="Dismiss" on:click=move |_| operations.dismiss(key)>
                                            "✕"
                                        </Button>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <aside class="tray" aria-label="Operations" aria-live="polite">
                    <ul class="tray__list">{rows}</ul>
                </aside>
            }
        })
    }
}

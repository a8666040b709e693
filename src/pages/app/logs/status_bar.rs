//! The status bar of the logs tab: where the lines come from and in what
//! state, how many are shown, and what can be done with them.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::feed::LogFeed;
use crate::{
    browser::{download::download_text, log_socket::SocketState},
    components::CopyButton,
    logic::{
        format::isolate,
        log_tab::{counts_text, LogSource},
    },
    ui::{Button, ButtonSize, ButtonVariant},
};

/// The badge of the source and its state: (tone, text).
fn status(
    source: LogSource,
    paused: bool,
    held: usize,
    socket: SocketState,
) -> (&'static str, String) {
    match (source, paused, socket) {
        (LogSource::Archive(period), _, _) => ("muted", format!("Archive {period}")),
        (LogSource::ArchiveSearch { archives, query }, _, _) => (
            "muted",
            format!("Matches of “{}” in {archives} archives", isolate(&query)),
        ),
        (LogSource::Live, true, _) => ("busy", format!("Paused · {held} new lines held")),
        (LogSource::Live, false, SocketState::Live) => ("ok", "Live".to_owned()),
        (LogSource::Live, false, SocketState::Connecting) => ("busy", "Connecting…".to_owned()),
        (
            LogSource::Live,
            false,
            SocketState::Reconnecting {
                attempt,
                delay_secs,
            },
        ) => (
            "busy",
            format!("Connection lost: reconnecting in {delay_secs} s (attempt {attempt})"),
        ),
        (LogSource::Live, false, SocketState::Failed(reason)) => {
            ("danger", format!("Stream stopped: {reason}"))
        }
    }
}

#[component]
pub fn LogStatusBar(
    feed: LogFeed,
    #[prop(into)] socket: Signal<SocketState>,
    /// The name of a downloaded file, without its extension.
    app: String,
    on_back_to_live: Callback<()>,
) -> impl IntoView {
    let LogFeed {
        view,
        source,
        paused,
        held_count,
        follow,
        selected,
        search_error,
        query,
        ..
    } = feed;
    let badge = move || {
        let (tone, text) = status(source.get(), paused.get(), held_count.get(), socket.get());
        view! { <span class=format!("badge badge--{tone} logs__state")>{text}</span> }
    };
    let counts = move || {
        let (shown, total, (lines, matches)) =
            view.with(|v| (v.shown().len(), v.len(), v.match_counts()));
        counts_text(shown, total, lines, matches, &query.get().search)
    };
    let copy_text = Signal::derive(move || {
        let chosen = selected.get();
        view.with(|v| {
            if chosen.is_empty() {
                v.shown_text(v.shown().to_vec())
            } else {
                v.shown_text(chosen)
            }
        })
    });
    let download = move |_| {
        if let Err(message) = download_text(&format!("{app}.log"), &feed.shown_text()) {
            feed.error.set(Some(message));
        }
    };
    view! {
        <div class="logs__statusbar">
            {badge}
            <span class="muted logs__counts" role="status">{counts}</span>
            {move || search_error.get().map(|e| view! { <span class="form__error logs__search-error">{e}</span> })}
            <div class="logs__actions">
                <Show when=move || source.get() == LogSource::Live>
                    <Button size=ButtonSize::Small on:click=move |_| feed.toggle_pause()>
                        {move || if paused.get() { "Resume" } else { "Pause" }}
                    </Button>
                </Show>
                <Show when=move || !follow.get()>
                    <Button size=ButtonSize::Small on:click=move |_| follow.set(true)>
                        "Follow"
                    </Button>
                </Show>
                <Show when=move || source.get() != LogSource::Live>
                    <Button variant=ButtonVariant::Primary size=ButtonSize::Small on:click=move |_| on_back_to_live.run(())>
                        "Back to live"
                    </Button>
                </Show>
                <Show when=move || !selected.with(BTreeSet::is_empty)>
                    <Button size=ButtonSize::Small on:click=move |_| selected.set(BTreeSet::new())>
                        {move || format!("Clear selection ({})", selected.with(BTreeSet::len))}
                    </Button>
                </Show>
                <CopyButton
                    text=copy_text
                    label=Signal::derive(move || if selected.with(BTreeSet::is_empty) { "Copy the lines shown".to_owned() } else { "Copy the selected lines".to_owned() })
                />
                <Button size=ButtonSize::Small on:click=download>
                    "Download"
                </Button>
            </div>
        </div>
    }
}

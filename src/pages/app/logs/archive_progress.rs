//! How far the reading of archives is, with a way to stop it.

use leptos::prelude::*;

use super::archive_reader::ArchiveJob;
use crate::{
    browser::gunzip::Progress,
    logic::log_tab::percent_done,
    ui::{Button, ButtonSize},
};

/// The progress of reading archives, with its Cancel. Only the text and
/// the bar follow the job: the button stays the same element, so that it
/// keeps the focus and can be clicked while the job moves on.
#[component]
pub fn ArchiveProgress(
    #[prop(into)] job: Signal<ArchiveJob>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let percent = move || {
        job.with(|job| {
            job.progress
                .map(|p| percent_done(p.downloaded, p.total))
                .unwrap_or(0.0)
        })
        .to_string()
    };
    let text = move || {
        job.with(|job| {
            let phase = match job.progress {
                Some(Progress {
                    decompressing: true,
                    ..
                }) => "reading",
                _ => "downloading",
            };
            format!("{} · {phase} · {} lines", job.label, job.lines)
        })
    };
    view! {
        <div class="logs__job" role="status">
            <span>{text}</span>
            <progress max="100" value=percent aria-label="Archive progress"></progress>
            <Button size=ButtonSize::Small on:click=move |_| on_cancel.run(())>
                "Cancel"
            </Button>
        </div>
    }
}

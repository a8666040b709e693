//! How far the reading of archives is, with a way to stop it.

use leptos::prelude::*;

use super::archive_reader::ArchiveJob;
use crate::{
    browser::gunzip::Progress,
    logic::log_tab::percent_done,
    ui::{Button, ButtonSize},
};

/// The progress of reading archives, with its Cancel.
#[component]
pub fn ArchiveProgress(job: ArchiveJob, on_cancel: Callback<()>) -> impl IntoView {
    let percent = job
        .progress
        .map(|p| percent_done(p.downloaded, p.total))
        .unwrap_or(0.0);
    let phase = match job.progress {
        Some(Progress {
            decompressing: true,
            ..
        }) => "reading",
        _ => "downloading",
    };
    view! {
        <div class="logs__job" role="status">
            <span>{format!("{} · {phase} · {} lines", job.label, job.lines)}</span>
            <progress max="100" value=percent.to_string() aria-label="Archive progress"></progress>
            <Button size=ButtonSize::Small on:click=move |_| on_cancel.run(())>
                "Cancel"
            </Button>
        </div>
    }
}

use leptos::prelude::*;

use crate::state::notices::{use_notices, Tone};
use crate::ui::{Button, ButtonSize, ButtonVariant};

/// Toasts: short confirmations and errors, read out by screen readers.
#[component]
pub fn NoticeTray() -> impl IntoView {
    let notices = use_notices();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            {move || {
                notices
                    .all()
                    .into_iter()
                    .map(|notice| {
                        let key = notice.key;
                        let class = match notice.tone {
                            Tone::Success => "toast toast--success",
                            Tone::Error => "toast toast--error",
                        };
                        view! {
                            <div class=class>
                                <span class="toast__text">{notice.text}</span>
                                <Button variant=ButtonVariant::Ghost size=ButtonSize::Icon attr:aria-label="Dismiss" on:click=move |_| notices.dismiss(key)>
                                    "✕"
                                </Button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

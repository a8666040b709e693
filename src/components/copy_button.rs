use crate::ui::{Button, ButtonSize};
use leptos::prelude::*;

/// Copies text to the clipboard and says so.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    /// The accessible name, e.g. "Copy the command".
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window
            .navigator()
            .clipboard()
            .write_text(&text.get_untracked());
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(done);
            if done {
                set_timeout(move || copied.set(false), std::time::Duration::from_secs(2));
            }
        });
    };
    view! {
        <Button size=ButtonSize::Small attr:aria-label=move || label.get() on:click=copy>
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </Button>
    }
}

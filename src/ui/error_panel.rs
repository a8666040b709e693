use super::Button;
use leptos::prelude::*;

/// An error in place of the content that failed, with a way to retry.
#[component]
pub fn ErrorPanel(
    /// What failed, e.g. "Could not load the apps".
    #[prop(into)]
    title: String,
    /// The message, in the API's words when there is one.
    #[prop(into)]
    message: String,
    /// Extra detail such as the HTTP status.
    #[prop(into, optional)]
    detail: String,
    /// What happens next, e.g. "Trying again in 12 s" (may change every
    /// second: it is not announced again).
    #[prop(into, optional)]
    status: MaybeProp<String>,
    /// Called by the retry button; no button without it.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="error-panel">
            <div role="alert">
                <p class="error-panel__title">{title}</p>
                <p class="error-panel__message">{message}</p>
                {(!detail.is_empty()).then(|| view! { <p class="error-panel__detail">{detail}</p> })}
            </div>
            {move || status.get().filter(|s| !s.is_empty()).map(|s| view! { <p class="error-panel__status">{s}</p> })}
            {on_retry
                .map(|retry| {
                    view! {
                        <Button on:click=move |_| retry.run(())>
                            "Retry"
                        </Button>
                    }
                })}
        </div>
    }
}

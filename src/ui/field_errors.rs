use leptos::prelude::*;

/// The messages about one field, under it (the field names this list in
/// its `aria-describedby`).
#[component]
pub fn FieldErrors(
    #[prop(into)] id: String,
    #[prop(into)] messages: Signal<Vec<String>>,
    /// Read out when the messages change (checks made while typing).
    #[prop(optional)]
    live: bool,
) -> impl IntoView {
    view! {
        <ul id=id class="field__errors" aria-live=live.then_some("polite")>
            {move || messages.get().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
        </ul>
    }
}

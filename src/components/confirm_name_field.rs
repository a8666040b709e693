use crate::ui::FieldErrors;
use leptos::prelude::*;

/// The "type the app's name to confirm" field of destructive actions; the
/// API checks it too (`current_name`), and its message shows here.
#[component]
pub fn ConfirmNameField(
    /// Unique element id.
    #[prop(into)]
    id: String,
    /// The name to type.
    #[prop(into)]
    app: String,
    value: RwSignal<String>,
    /// The API's messages for `current_name`.
    #[prop(into)]
    errors: Signal<Vec<String>>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let errors_id = format!("{id}-errors");
    view! {
        <div class="field">
            <label for=id.clone() class="field__label">
                "Type " <strong class="mono break">{app}</strong> " to confirm"
            </label>
            <input
                id=id
                class="input mono"
                type="text"
                disabled=disabled
                autocomplete="off"
                spellcheck="false"
                aria-describedby=errors_id.clone()
                aria-invalid=move || (!errors.get().is_empty()).to_string()
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
            <FieldErrors id=errors_id messages=errors />
        </div>
    }
}

use leptos::prelude::*;

use super::Dialog;

/// A question before an action that is hard to undo.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    /// A unique id prefix for the dialog's elements.
    #[prop(into)]
    id: String,
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    /// The label of the button that goes ahead, e.g. "Stop the app".
    #[prop(into)]
    confirm_label: String,
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <Dialog open title id>
            <p>{message}</p>
            <div class="form__actions">
                <button type="button" class="button" on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="button button--danger"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {confirm_label}
                </button>
            </div>
        </Dialog>
    }
}

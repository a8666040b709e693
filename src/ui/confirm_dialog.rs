use leptos::prelude::*;

use super::Dialog;
use super::{Button, ButtonVariant};

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
                <Button on:click=move |_| open.set(false)>
                    "Cancel"
                </Button>
                <Button variant=ButtonVariant::Danger on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }>
                    {confirm_label}
                </Button>
            </div>
        </Dialog>
    }
}

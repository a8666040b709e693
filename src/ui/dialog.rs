use super::{Button, ButtonSize, ButtonVariant};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

/// A modal dialog on the native `<dialog>` element, which gives focus
/// trapping, `Escape` to close, an inert background and the dialog role.
#[component]
pub fn Dialog(
    /// Whether the dialog is shown; set to `false` when the user closes it.
    open: RwSignal<bool>,
    /// The title, also the dialog's accessible name.
    #[prop(into)]
    title: String,
    /// A unique id: the dialog's, and the prefix of its title's.
    #[prop(into)]
    id: String,
    children: Children,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        let dialog: web_sys::HtmlDialogElement = dialog.unchecked_into();
        match (open.get(), dialog.open()) {
            (true, false) => {
                // Fails only if the element is detached: nothing to show then.
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });
    let title_id = format!("{id}-title");
    let id = id.clone();
    let labelled_by = title_id.clone();
    view! {
        <dialog
            id=id
            node_ref=dialog_ref
            class="dialog"
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
        >
            <header class="dialog__header">
                <h2 id=title_id class="dialog__title">{title}</h2>
                <Button variant=ButtonVariant::Ghost size=ButtonSize::Icon attr:aria-label="Close" on:click=move |_| open.set(false)>
                    "✕"
                </Button>
            </header>
            <div class="dialog__body">{children()}</div>
        </dialog>
    }
}

/// The `open` signal of a dialog drawn for what `asked` holds: open at
/// first; once the dialog closes (confirmed or not), `asked` is emptied and
/// the dialog goes away with it.
pub fn open_until_closed<T: Send + Sync + 'static>(asked: RwSignal<Option<T>>) -> RwSignal<bool> {
    let open = RwSignal::new(true);
    Effect::new(move |_| {
        if !open.get() {
            asked.try_set(None);
        }
    });
    open
}

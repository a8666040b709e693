use leptos::prelude::*;

use crate::ui::Dialog;

/// The keyboard shortcuts, listed with `?`.
#[component]
pub fn ShortcutsDialog(open: RwSignal<bool>) -> impl IntoView {
    let rows = [
        ("Ctrl K / ⌘ K", "Go to an app, a tab or an action"),
        ("/", "Filter the app list"),
        ("?", "Show these shortcuts"),
        ("Esc", "Close a dialog or menu"),
        ("← →", "Move the read-out of a focused chart"),
    ]
    .into_iter()
    .map(|(keys, what)| {
        view! {
            <tr>
                <th scope="row"><kbd>{keys}</kbd></th>
                <td>{what}</td>
            </tr>
        }
    })
    .collect_view();
    view! {
        <Dialog open title="Keyboard shortcuts" id="shortcuts">
            <table class="table">
                <tbody>{rows}</tbody>
            </table>
        </Dialog>
    }
}

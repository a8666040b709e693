use leptos::prelude::*;
use scalingo_api::Addon;

use super::{on_success, write_failure, ConfirmNameField, Write};
use crate::{
    api::use_app_api,
    ui::{Button, ButtonVariant, Dialog, FormShell},
};

/// Removes an addon once its name is typed: its data is erased for good.
#[component]
pub fn RemoveAddonDialog(
    open: RwSignal<bool>,
    addon: Addon,
    on_removed: Callback<Addon>,
) -> impl IntoView {
    let api = use_app_api();
    let name = addon
        .addon_provider
        .as_ref()
        .map_or_else(|| addon.provider_id().to_owned(), |p| p.name.clone());
    // What to type: the resource's own name, which says which database
    // this is when an app has several.
    let expected = if addon.resource_id.is_empty() {
        addon.provider_id().to_owned()
    } else {
        addon.resource_id.clone()
    };
    let typed = RwSignal::new(String::new());
    let remove: Write<(), Addon> = {
        let addon = addon.clone();
        Action::new_local(move |(): &()| {
            let (api, addon) = (api.clone(), addon.clone());
            async move { api.delete_addon(&addon.id).await.map(|()| addon) }
        })
    };
    let failure = write_failure(remove, &[]);
    on_success(remove, move |removed| {
        open.set(false);
        on_removed.run(removed);
    });
    let ready = {
        let expected = expected.clone();
        Signal::derive(move || typed.with(|t| t.trim() == expected))
    };
    let submit = Callback::new(move |()| {
        if ready.get_untracked() {
            remove.dispatch(());
        }
    });
    view! {
        <Dialog open title=format!("Remove {name}?") id="addon-remove">
            <FormShell
                on_submit=submit
                action=format!("Remove {name} and erase its data")
                sending_label="Removing…"
                pending=remove.pending()
                error=failure
                ready
                variant=ButtonVariant::Danger
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <p class="notice notice--danger" role="note">
                    "Removing the addon erases its data, backups included, and cannot be undone. Its environment variables are removed: the app's containers lose them at their next restart."
                </p>
                <ConfirmNameField id="addon-remove-confirm" app=expected value=typed errors=Signal::stored(Vec::new()) />
            </FormShell>
        </Dialog>
    }
}

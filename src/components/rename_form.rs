use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use scalingo_api::{app_name_errors, AppNameKind};

use super::{field_errors, on_success, write_failure, ConfirmNameField};
use crate::{
    api::use_app_api,
    logic::{
        name_check::{api_only_messages, rule_errors, Progress},
        routes::{app_href, Tab},
    },
    state::{notices::use_notices, operations::use_operations},
    ui::{ButtonVariant, FieldErrors, FormShell},
};

/// Renames the app; the page's address follows the new name.
#[component]
pub fn RenameForm(
    /// Why the user may not rename the app (not its owner), if so.
    #[prop(default = None)]
    locked: Option<String>,
) -> impl IntoView {
    let api = use_app_api();
    let app = api.name().to_owned();
    let notices = use_notices();
    let fleet = crate::state::fleet::use_fleet();
    let operations = use_operations();
    let navigate = use_navigate();
    let new_name = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());

    let rename = Action::new_local(move |(typed, target): &(String, String)| {
        let (api, typed, target) = (api.clone(), typed.clone(), target.clone());
        async move { api.rename_app(&typed, &target).await }
    });
    on_success(rename, move |renamed| {
        fleet.refetch();
        notices.success(format!("The app is now {}.", renamed.name));
        operations.touch(&renamed.name);
        navigate(
            &app_href(&renamed.name, Tab::Settings),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    let failure = write_failure(rename, &["name", "new_name", "current_name"]);

    // The rules in the dashboard's words while typing; from a refusal,
    // only what the API knows beyond them (a name already taken).
    let name_errors = Memo::new(move |_| {
        let typed = new_name.get();
        let mut errors = rule_errors(&typed, AppNameKind::App, Progress::Typing);
        if let Some(failure) = failure.get() {
            let mut api = failure.field("name");
            api.extend(failure.field("new_name"));
            for message in api_only_messages(&api) {
                if !errors.contains(&message) {
                    errors.push(message);
                }
            }
        }
        errors
    });
    let confirm_errors = field_errors(failure, "current_name");
    let is_locked = locked.is_some();
    let ready = {
        let expected = app.clone();
        Signal::derive(move || {
            let typed = new_name.get();
            !is_locked
                && !typed.trim().is_empty()
                && app_name_errors(typed.trim(), AppNameKind::App).is_empty()
                && confirm.get() == expected
        })
    };
    let submit = Callback::new(move |_| {
        rename.dispatch((
            confirm.get_untracked(),
            new_name.get_untracked().trim().to_owned(),
        ));
    });

    view! {
            <FormShell
                class="danger-zone__item"
                labelled_by="rename-title"
                on_submit=submit
                action="Rename app"
                sending_label="Renaming…"
                pending=rename.pending()
                error=failure
                ready
                variant=ButtonVariant::Danger
            >
                <h3 id="rename-title">"Rename the app"</h3>
                <p class="muted">
                    "The URL, git remote and deployments stream change with the name; update your git remotes and any SCM link."
                </p>
                <div class="field">
                    <label for="rename-new-name" class="field__label">"New name"</label>
                    <input
                        id="rename-new-name"
                        disabled=is_locked
                        class="input mono"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="rename-new-name-errors"
                        aria-invalid=move || (!name_errors.get().is_empty()).to_string()
                        prop:value=move || new_name.get()
                        on:input:target=move |ev| new_name.set(ev.target().value())
                    />
                    <FieldErrors id="rename-new-name-errors" messages=name_errors />
                </div>
                <ConfirmNameField id="rename-confirm" app=app.clone() value=confirm errors=confirm_errors disabled=is_locked />
            </FormShell>
    }
}

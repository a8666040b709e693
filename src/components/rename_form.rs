use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use scalingo_api::{app_name_errors, AppNameKind};

use super::ConfirmNameField;
use crate::{
    api::{use_api, ApiError},
    logic::{
        form_errors::{field_messages, other_messages},
        name_check::{api_only_messages, rule_errors, Progress},
        routes::{app_href, Tab},
    },
    state::{notices::use_notices, operations::use_operations},
};

/// Renames the app; the page's address follows the new name.
#[component]
pub fn RenameForm(
    app: String,
    region: String,
    /// Why the user may not rename the app (not its owner), if so.
    #[prop(default = None)]
    locked: Option<String>,
) -> impl IntoView {
    let client = use_api();
    let notices = use_notices();
    let fleet = crate::state::fleet::use_fleet();
    let operations = use_operations();
    let navigate = use_navigate();
    let new_name = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(false);

    // The rules in the dashboard's words while typing; from a refusal,
    // only what the API knows beyond them (a name already taken).
    let name_errors = Memo::new(move |_| {
        let typed = new_name.get();
        let mut errors = rule_errors(&typed, AppNameKind::App, Progress::Typing);
        if let Some(ApiError::Http {
            status: 422, body, ..
        }) = failure.get()
        {
            let mut api = field_messages(&body, "name");
            api.extend(field_messages(&body, "new_name"));
            for message in api_only_messages(&api) {
                if !errors.contains(&message) {
                    errors.push(message);
                }
            }
        }
        errors
    });
    let expected = app.clone();
    let ready = move || {
        let typed = new_name.get();
        !typed.trim().is_empty()
            && app_name_errors(typed.trim(), AppNameKind::App).is_empty()
            && confirm.get() == expected
    };
    let is_locked = locked.is_some();
    let confirm_errors = Signal::derive(move || match failure.get() {
        Some(ApiError::Http {
            status: 422, body, ..
        }) => field_messages(&body, "current_name"),
        _ => Vec::new(),
    });
    let general = move || match failure.get() {
        Some(ApiError::Http {
            status: 422, body, ..
        }) => other_messages(&body, &["name", "new_name", "current_name"]),
        Some(other) => Some(other.to_string()),
        None => None,
    };

    let submit = {
        let app = app.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (client, app, region, navigate) = (
                client.clone(),
                app.clone(),
                region.clone(),
                navigate.clone(),
            );
            let (target, typed) = (
                new_name.get_untracked().trim().to_owned(),
                confirm.get_untracked(),
            );
            sending.set(true);
            failure.set(None);
            leptos::task::spawn_local(async move {
                match client.rename_app(&region, &app, &typed, &target).await {
                    Ok(renamed) => {
                        fleet.refetch();
                        notices.success(format!("{app} is now {}.", renamed.name));
                        operations.touch(&renamed.name);
                        navigate(
                            &app_href(&renamed.name, Tab::Settings),
                            NavigateOptions {
                                replace: true,
                                ..Default::default()
                            },
                        );
                    }
                    Err(error) => failure.set(Some(error)),
                }
                sending.set(false);
            });
        }
    };

    view! {
        <form class="danger-zone__item form" on:submit=submit aria-labelledby="rename-title">
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
                <ul id="rename-new-name-errors" class="field__errors">
                    {move || name_errors.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
            <ConfirmNameField id="rename-confirm" app=app.clone() value=confirm errors=confirm_errors disabled=is_locked />
            {move || general().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
            <div class="form__actions">
                <button
                    type="submit"
                    class="button button--danger"
                    disabled=move || is_locked || sending.get() || !ready()
                >
                    {move || if sending.get() { "Renaming…" } else { "Rename app" }}
                </button>
            </div>
        </form>
    }
}

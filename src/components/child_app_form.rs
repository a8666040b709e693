use leptos::prelude::*;
use scalingo_api::{app_name_errors, full_message, App, AppNameKind};

use crate::{
    api::{use_api, ApiError},
    logic::form_errors::{field_messages, other_messages},
};

/// Creates a child app of `parent` (names of 6 to 32 characters).
#[component]
pub fn ChildAppForm(parent: String, region: String, on_created: Callback<App>) -> impl IntoView {
    let client = use_api();
    let name = RwSignal::new(String::new());
    let settled = RwSignal::new(false);
    let failure = RwSignal::new(None::<(String, ApiError)>);
    let sending = RwSignal::new(false);

    let errors = Memo::new(move |_| {
        let typed = name.get();
        let mut errors: Vec<String> = if typed.is_empty() && !settled.get() {
            Vec::new()
        } else {
            app_name_errors(&typed, AppNameKind::Child)
                .iter()
                .filter(|rule| settled.get() || !rule.starts_with("is too short"))
                .map(|rule| full_message("name", rule))
                .collect()
        };
        if let Some((
            for_name,
            ApiError::Http {
                status: 422, body, ..
            },
        )) = failure.get()
        {
            if for_name == typed {
                errors.extend(field_messages(&body, "name"));
            }
        }
        errors
    });
    let general = move || match failure.get() {
        Some((
            _,
            ApiError::Http {
                status: 422, body, ..
            },
        )) => other_messages(&body, &["name"]),
        Some((_, other)) => Some(other.to_string()),
        None => None,
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        settled.set(true);
        let typed = name.get_untracked().trim().to_owned();
        if !app_name_errors(&typed, AppNameKind::Child).is_empty() {
            return;
        }
        let (client, parent, region) = (client.clone(), parent.clone(), region.clone());
        sending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match client.create_child_app(&region, &parent, &typed).await {
                Ok(created) => {
                    name.set(String::new());
                    settled.set(false);
                    on_created.run(created);
                }
                Err(error) => failure.set(Some((typed, error))),
            }
            sending.set(false);
        });
    };

    view! {
        <form class="card form" on:submit=submit aria-labelledby="child-create-title" novalidate>
            <h2 id="child-create-title" class="card__title">"Create a child app"</h2>
            <p class="muted">"A child app inherits the owner, stack and project; it is not deployed until you push to it."</p>
            <div class="field">
                <label for="child-app-name" class="field__label">"Name"</label>
                <div class="inline-form">
                    <input
                        id="child-app-name"
                        class="input mono"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="child-app-name-help child-app-name-errors"
                        aria-invalid=move || (!errors.get().is_empty()).to_string()
                        prop:value=move || name.get()
                        on:input:target=move |ev| name.set(ev.target().value())
                        on:blur=move |_| settled.set(!name.get_untracked().is_empty())
                    />
                    <button type="submit" class="button button--primary" disabled=move || sending.get()>
                        {move || if sending.get() { "Creating…" } else { "Create child app" }}
                    </button>
                </div>
                <p id="child-app-name-help" class="field__help">
                    "6 to 32 characters: lowercase letters, digits and single hyphens, not at either end."
                </p>
                <ul id="child-app-name-errors" class="field__errors">
                    {move || errors.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
            {move || general().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
        </form>
    }
}

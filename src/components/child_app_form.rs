use leptos::prelude::*;
use scalingo_api::{app_name_errors, App, AppNameKind, NewApp};

use super::use_name_availability;
use crate::{
    api::{use_api, ApiError},
    logic::{
        form_errors::other_messages,
        name_check::{feedback, Progress},
    },
};

/// Creates a child app of `parent` (names of 6 to 32 characters), saying
/// while typing whether the name breaks a rule or is taken.
#[component]
pub fn ChildAppForm(parent: String, region: String, on_created: Callback<App>) -> impl IntoView {
    let client = use_api();
    let name = RwSignal::new(String::new());
    let progress = RwSignal::new(Progress::Untouched);
    let failure = RwSignal::new(None::<(String, ApiError)>);
    let sending = RwSignal::new(false);
    // Child app names are unique in the region like any app's: the same
    // dry run as the create dialog tells whether one is taken.
    let check_region = region.clone();
    let (availability, check_name) = use_name_availability(AppNameKind::Child, move |name| {
        (
            check_region.clone(),
            NewApp {
                name,
                ..Default::default()
            },
        )
    });
    let shown = Memo::new(move |_| {
        availability.verdict.with(|(checked, verdict)| {
            feedback(
                &name.get(),
                AppNameKind::Child,
                progress.get(),
                checked,
                verdict,
            )
        })
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
        progress.set(Progress::Settled);
        let typed = name.get_untracked().trim().to_owned();
        if !app_name_errors(&typed, AppNameKind::Child).is_empty() {
            return;
        }
        availability.cancel();
        let (client, parent, region) = (client.clone(), parent.clone(), region.clone());
        sending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match client.create_child_app(&region, &parent, &typed).await {
                Ok(created) => {
                    name.try_set(String::new());
                    progress.try_set(Progress::Untouched);
                    on_created.run(created);
                }
                Err(error) => {
                    let messages = error.field_messages("name");
                    if !messages.is_empty() {
                        availability.rejected(typed.clone(), messages);
                    }
                    failure.try_set(Some((typed, error)));
                }
            }
            sending.try_set(false);
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
                        aria-describedby="child-app-name-help child-app-name-feedback"
                        aria-invalid=move || (!shown.get().errors.is_empty()).to_string()
                        prop:value=move || name.get()
                        on:input:target=move |ev| {
                            let value = ev.target().value();
                            if progress.get_untracked() == Progress::Untouched {
                                progress.set(Progress::Typing);
                            }
                            name.set(value.clone());
                            check_name.run(value.trim().to_owned());
                        }
                        // Also fired when the form goes away with the focus
                        // in the field (the dialog closing on Enter): after
                        // that, nothing here may be read.
                        on:blur=move |_| {
                            if progress.try_get_untracked() == Some(Progress::Typing) {
                                progress.try_set(Progress::Settled);
                            }
                        }
                    />
                    <button type="submit" class="button button--primary" disabled=move || sending.get()>
                        {move || if sending.get() { "Creating…" } else { "Create child app" }}
                    </button>
                </div>
                <p id="child-app-name-help" class="field__help">
                    "6 to 32 characters: lowercase letters, digits and single hyphens, not at either end."
                </p>
                <div id="child-app-name-feedback" aria-live="polite">
                    <ul class="field__errors">
                        {move || shown.get().errors.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                    {move || shown.get().note.map(|note| view! { <p class="field__note">{note}</p> })}
                </div>
            </div>
            {move || general().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
        </form>
    }
}

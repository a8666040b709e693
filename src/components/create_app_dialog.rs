use leptos::{html, prelude::*};
use scalingo_api::{is_valid_app_name, App, AppNameKind, NewApp};

use super::use_name_availability;
use crate::{
    api::{use_api, ApiError},
    logic::name_check::{feedback, Progress},
    state::query::{use_query, QueryOptions},
    ui::Dialog,
};

/// An empty choice in a select means "the default".
trait FlattenEmpty {
    fn flatten_empty(self) -> Option<String>;
}

impl FlattenEmpty for Option<String> {
    fn flatten_empty(self) -> Option<String> {
        self.filter(|value| !value.is_empty())
    }
}

/// The "create an app" dialog: live validation with the shared naming rules,
/// an availability check with the API's dry run, and the API's own messages
/// next to the field when it refuses. What the user typed is never lost.
/// Mount it only while open: it loads projects and stacks when it appears.
#[component]
pub fn CreateAppDialog(open: RwSignal<bool>, on_created: Callback<App>) -> impl IntoView {
    let client = use_api();
    // Projects and stacks are regional: they follow the chosen region.
    let region = RwSignal::new(client.default_region());
    let regions: Vec<(String, String)> = client
        .config()
        .regions
        .iter()
        .map(|r| (r.name.clone(), r.display_name.clone()))
        .collect();

    let name = RwSignal::new(String::new());
    let progress = RwSignal::new(Progress::Untouched);
    let project_id = RwSignal::new(String::new());
    let stack_id = RwSignal::new(String::new());
    let submit_error = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);
    let name_input = NodeRef::<html::Input>::new();

    // Projects and stacks follow the chosen region.
    let projects = {
        let client = client.clone();
        use_query(
            move || Some(region.get()),
            move |region: String| {
                let client = client.clone();
                async move { client.projects(&region).await }
            },
            QueryOptions::default(),
        )
    };
    let stacks = {
        let client = client.clone();
        use_query(
            move || Some(region.get()),
            move |region: String| {
                let client = client.clone();
                async move { client.stacks(&region).await }
            },
            QueryOptions::default(),
        )
    };

    // Read from a timer too: the dialog may be closed by then.
    let request = move || NewApp {
        name: name
            .try_get_untracked()
            .unwrap_or_default()
            .trim()
            .to_owned(),
        project_id: project_id.try_get_untracked().flatten_empty(),
        stack_id: stack_id.try_get_untracked().flatten_empty(),
        ..Default::default()
    };
    // The API is asked about the name (dry run) once typing pauses.
    let (availability, check_name) = use_name_availability(AppNameKind::App, move |_| {
        (region.try_get_untracked().unwrap_or_default(), request())
    });
    let verdict = availability.verdict;
    let shown = Memo::new(move |_| {
        verdict.with(|(checked, verdict)| {
            feedback(
                &name.get(),
                AppNameKind::App,
                progress.get(),
                checked,
                verdict,
            )
        })
    });

    let submit = {
        let client = client.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            progress.set(Progress::Settled);
            submit_error.set(None);
            if !shown.get_untracked().errors.is_empty()
                || !is_valid_app_name(name.get_untracked().trim(), AppNameKind::App)
            {
                if let Some(input) = name_input.get_untracked() {
                    let _ = input.focus();
                }
                return;
            }
            // The submission answers whether the name is free: a check
            // still waiting would only spend a request.
            availability.cancel();
            submitting.set(true);
            let (client, region) = (client.clone(), region.get_untracked());
            leptos::task::spawn_local(async move {
                let app = request();
                let submitted = app.name.clone();
                match client.create_app(&region, app, false).await {
                    Ok(created) => {
                        open.set(false);
                        on_created.run(created);
                    }
                    Err(error) => {
                        let messages = error.field_messages("name");
                        if !messages.is_empty() {
                            availability.rejected(submitted, messages);
                            if let Some(input) = name_input.get_untracked() {
                                let _ = input.focus();
                            }
                        }
                        submit_error.set(Some(other_errors(&error)));
                    }
                }
                submitting.set(false);
            });
        }
    };

    view! {
        <Dialog open title="Create an app" id="create-app">
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for="create-app-name" class="field__label">"Name"</label>
                    <input
                        id="create-app-name"
                        node_ref=name_input
                        class="input"
                        type="text"
                        name="name"
                        autocomplete="off"
                        spellcheck="false"
                        autofocus
                        aria-describedby="create-app-name-help create-app-name-feedback"
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
                    <p id="create-app-name-help" class="field__help">
                        "6 to 48 characters: lowercase letters, digits and single hyphens, not at either end."
                    </p>
                    <div id="create-app-name-feedback" aria-live="polite">
                        <ul class="field__errors">
                            {move || {
                                shown
                                    .get()
                                    .errors
                                    .into_iter()
                                    .map(|message| view! { <li>{message}</li> })
                                    .collect_view()
                            }}
                        </ul>
                        {move || shown.get().note.map(|note| view! { <p class="field__note">{note}</p> })}
                    </div>
                </div>
                {(regions.len() > 1)
                    .then(|| {
                        let options = regions
                            .iter()
                            .map(|(name, display)| {
                                let selected = *name == region.get_untracked();
                                view! { <option value=name.clone() selected=selected>{format!("{display} ({name})")}</option> }
                            })
                            .collect_view();
                        view! {
                            <div class="field">
                                <label for="create-app-region" class="field__label">"Region"</label>
                                <select
                                    id="create-app-region"
                                    class="input"
                                    on:change:target=move |ev| {
                                        region.set(ev.target().value());
                                        project_id.set(String::new());
                                        stack_id.set(String::new());
                                    }
                                >
                                    {options}
                                </select>
                            </div>
                        }
                    })}
                <div class="field">
                    <label for="create-app-project" class="field__label">"Project"</label>
                    <select
                        id="create-app-project"
                        class="input"
                        on:change:target=move |ev| project_id.set(ev.target().value())
                    >
                        <option value="">"Default project"</option>
                        {move || {
                            projects
                                .fresh()
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|project| !project.default)
                                .map(|project| view! { <option value=project.id>{project.name}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="create-app-stack" class="field__label">"Stack"</label>
                    <select
                        id="create-app-stack"
                        class="input"
                        on:change:target=move |ev| stack_id.set(ev.target().value())
                    >
                        <option value="">"Default stack"</option>
                        {move || {
                            stacks
                                .fresh()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|stack| {
                                    let label = match (&stack.deprecated_at, stack.default) {
                                        (Some(_), _) => format!("{} (deprecated)", stack.name),
                                        (None, true) => format!("{} (default)", stack.name),
                                        (None, false) => stack.name.clone(),
                                    };
                                    view! { <option value=stack.id>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                {move || {
                    submit_error
                        .get()
                        .filter(|message| !message.is_empty())
                        .map(|message| view! { <p class="form__error" role="alert">{message}</p> })
                }}
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button--primary" disabled=move || submitting.get()>
                        {move || if submitting.get() { "Creating…" } else { "Create app" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// The part of a failed creation not already shown next to the name field.
fn other_errors(error: &ApiError) -> String {
    match error {
        ApiError::Http {
            status: 422, body, ..
        } => body
            .errors
            .iter()
            .filter(|(field, _)| field.as_str() != "name")
            .flat_map(|(field, messages)| {
                messages
                    .iter()
                    .map(move |message| scalingo_api::full_message(field, message))
            })
            .collect::<Vec<_>>()
            .join("; "),
        ApiError::Http {
            status: 402, body, ..
        } => format!(
            "{} Add a payment method to your account to create more apps.",
            body.summary().unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

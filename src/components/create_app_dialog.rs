use leptos::{html, prelude::*};
use scalingo_api::{is_valid_app_name, App, AppNameKind, NewApp};

use super::{use_name_availability, AppNameField, NameInput};
use crate::{
    api::{use_api, ApiError},
    state::query::{use_query, QueryOptions},
    ui::{Button, ButtonVariant, Dialog, FormError, FormShell},
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

    let project_id = RwSignal::new(String::new());
    let stack_id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
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
    let input = NameInput::new(AppNameKind::App, name, availability, check_name);
    let shown = input.shown;

    let create = Action::new_local(move |(region, app): &(String, NewApp)| {
        let (client, region, app) = (client.clone(), region.clone(), app.clone());
        async move {
            let submitted = app.name.clone();
            (submitted, client.create_app(&region, app, false).await)
        }
    });
    Effect::new(move |_| match create.value().get() {
        Some((_, Ok(created))) => {
            open.set(false);
            on_created.run(created);
        }
        Some((submitted, Err(error))) => {
            let messages = error.field_messages("name");
            if !messages.is_empty() {
                availability.rejected(submitted, messages);
                if let Some(input) = name_input.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
        None => {}
    });
    let failure = Signal::derive(move || {
        if create.pending().get() {
            return None;
        }
        create.value().with(|value| match value {
            Some((_, Err(error))) => Some(FormError {
                message: Some(other_errors(error)),
                fields: Vec::new(),
            }),
            _ => None,
        })
    });
    let submit = Callback::new(move |()| {
        input.settle();
        if !shown.get_untracked().errors.is_empty()
            || !is_valid_app_name(&input.typed(), AppNameKind::App)
        {
            if let Some(input) = name_input.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        // The submission answers whether the name is free: a check
        // still waiting would only spend a request.
        availability.cancel();
        create.dispatch((region.get_untracked(), request()));
    });
    let cancel =
        move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any();

    view! {
        <Dialog open title="Create an app" id="create-app">
            <FormShell
                on_submit=submit
                action="Create app"
                sending_label="Creating…"
                pending=create.pending()
                error=failure
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(cancel)
            >
                <AppNameField id="create-app-name" input node_ref=name_input autofocus=true />
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
            </FormShell>
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

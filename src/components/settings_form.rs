use leptos::prelude::*;
use scalingo_api::{App, AppUpdate, Project, Stack};

use super::{on_success, write_failure};
use crate::{
    api::use_app_api,
    state::{notices::use_notices, operations::use_operations},
    ui::{FormShell, SubmitButton, Switch},
};

/// Which routing setting a switch changes.
#[derive(Clone, Copy)]
enum Setting {
    ForceHttps,
    StickySession,
    RouterLogs,
}

impl Setting {
    fn label(self) -> &'static str {
        match self {
            Setting::ForceHttps => "Force HTTPS",
            Setting::StickySession => "Sticky sessions",
            Setting::RouterLogs => "Router logs",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Setting::ForceHttps => "Redirect HTTP requests to HTTPS (with HSTS for a year).",
            Setting::StickySession => "Send each visitor to the same web container.",
            Setting::RouterLogs => "Add the router's access lines to the app's logs.",
        }
    }

    fn of(self, app: &App) -> bool {
        match self {
            Setting::ForceHttps => app.force_https,
            Setting::StickySession => app.sticky_session,
            Setting::RouterLogs => app.router_logs,
        }
    }

    fn update(self, on: bool) -> AppUpdate {
        let mut update = AppUpdate::default();
        match self {
            Setting::ForceHttps => update.force_https = Some(on),
            Setting::StickySession => update.sticky_session = Some(on),
            Setting::RouterLogs => update.router_logs = Some(on),
        }
        update
    }
}

/// Routing switches (applied at once, rolled back with the API's message if
/// refused), and the stack and project of the app.
#[component]
pub fn SettingsForm(
    app: App,
    stacks: Vec<Stack>,
    projects: Vec<Project>,
    /// Shown as they are, without controls (read-only mode).
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let switches = [
        Setting::ForceHttps,
        Setting::StickySession,
        Setting::RouterLogs,
    ]
    .into_iter()
    .map(|setting| setting_switch(setting, &app, read_only))
    .collect_view();
    view! {
        <section class="card" aria-labelledby="routing-title">
            <h2 id="routing-title" class="card__title">"Routing"</h2>
            <div class="switches">{switches}</div>
        </section>
        <ChoiceForm
            title="Stack"
            current=app.stack_id.clone().unwrap_or_default()
            options=stacks
                .into_iter()
                .map(|stack| {
                    let label = match (&stack.deprecated_at, stack.default) {
                        (Some(_), _) => format!("{} (deprecated)", stack.name),
                        (None, true) => format!("{} (default)", stack.name),
                        (None, false) => stack.name.clone(),
                    };
                    (stack.id, label)
                })
                .collect()
            action="Change the stack"
            note="The new stack is used from the next deployment."
            update=|id| AppUpdate { stack_id: Some(id), ..Default::default() }
            read_only
        />
        <ChoiceForm
            title="Project"
            current=app.project.as_ref().map(|p| p.id.clone()).unwrap_or_default()
            options=projects.into_iter().map(|p| (p.id, p.name)).collect()
            action="Move to this project"
            note="Projects group apps; moving changes nothing for the running app."
            update=|id| AppUpdate { project_id: Some(id), ..Default::default() }
            read_only
        />
    }
}

fn setting_switch(setting: Setting, app: &App, read_only: bool) -> impl IntoView {
    let api = use_app_api();
    let notices = use_notices();
    let operations = use_operations();
    let name = app.name.clone();
    let on = RwSignal::new(setting.of(app));
    // Answers what was asked with what the API now says (or its refusal).
    let change = Action::new_local(move |wanted: &bool| {
        let (api, wanted) = (api.clone(), *wanted);
        async move {
            let answer = api.update_app(setting.update(wanted)).await;
            (wanted, answer.map(|updated| setting.of(&updated)))
        }
    });
    Effect::new(move |_| match change.value().get() {
        Some((wanted, Ok(now))) => {
            on.set(now);
            let state = if wanted { "on" } else { "off" };
            notices.success(format!("{} is {state}.", setting.label()));
            operations.touch(&name);
        }
        Some((wanted, Err(error))) => {
            on.set(!wanted);
            notices.error(format!("{} was not changed: {error}", setting.label()));
        }
        None => {}
    });
    let pending = change.pending();
    view! {
        <Switch
            label=setting.label()
            description=setting.description()
            checked=on
            disabled=Signal::derive(move || read_only || pending.get())
            on_toggle=Callback::new(move |wanted: bool| {
                // Shown at once; put back if the API refuses.
                on.set(wanted);
                change.dispatch(wanted);
            })
        />
    }
}

/// A select and a button that applies it: for settings that change how the
/// app is built or grouped, a deliberate click rather than an instant change.
#[component]
fn ChoiceForm(
    title: &'static str,
    current: String,
    options: Vec<(String, String)>,
    action: &'static str,
    note: &'static str,
    update: fn(String) -> AppUpdate,
    read_only: bool,
) -> impl IntoView {
    let api = use_app_api();
    let app = api.name().to_owned();
    let notices = use_notices();
    let operations = use_operations();
    let applied = RwSignal::new(current.clone());
    let chosen = RwSignal::new(current);
    let id = format!("setting-{}", title.to_lowercase());
    let labels = StoredValue::new(options.clone());
    let apply = Action::new_local(move |value: &String| {
        let (api, value) = (api.clone(), value.clone());
        async move { api.update_app(update(value.clone())).await.map(|_| value) }
    });
    on_success(apply, move |value: String| {
        let label = labels.with_value(|options| {
            options
                .iter()
                .find(|(id, _)| *id == value)
                .map(|(_, label)| label.clone())
                .unwrap_or_else(|| value.clone())
        });
        applied.set(value);
        notices.success(format!("{title}: {label}."));
        operations.touch(&app);
    });
    let failure = write_failure(apply, &[]);
    let options = options
        .into_iter()
        .map(|(value, label)| {
            let selected = value == chosen.get_untracked();
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <FormShell
            class="card"
            on_submit=Callback::new(move |_| {
                apply.dispatch(chosen.get_untracked());
            })
            action
            sending_label=action
            pending=apply.pending()
            error=failure
            ready=Signal::derive(move || !read_only && chosen.get() != applied.get())
            inline=true
        >
            <div class="field">
                <label for=id.clone() class="card__title field__label">{title}</label>
                <div class="inline-form">
                    <select id=id class="input" disabled=read_only on:change:target=move |ev| chosen.set(ev.target().value())>
                        {options}
                    </select>
                    {(!read_only).then(|| view! { <SubmitButton /> })}
                </div>
                <p class="field__help">{note}</p>
            </div>
        </FormShell>
    }
}

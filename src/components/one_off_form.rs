use leptos::prelude::*;
use scalingo_api::{ContainerSize, RunRequest};

use super::{on_success, write_failure, CopyButton};
use crate::{
    api::use_app_api,
    logic::one_off::{cli_command, parse_env},
    state::{notices::use_notices, operations::use_operations},
    ui::{ButtonVariant, FormError, FormShell},
};

/// Runs a command in a detached one-off container. Attached runs need a raw
/// TCP connection that browsers cannot open: the form says so and gives the
/// equivalent CLI command instead.
#[component]
pub fn OneOffForm(
    /// The sizes offered; a signal so that a reload of the catalogue does not
    /// rebuild the form and lose what is being typed.
    #[prop(into)]
    sizes: Signal<Vec<ContainerSize>>,
) -> impl IntoView {
    let api = use_app_api();
    let notices = use_notices();
    let operations = use_operations();
    let command = RwSignal::new(String::new());
    let size = RwSignal::new("M".to_owned());
    let env_text = RwSignal::new(String::new());
    // The command was left empty when sent.
    let missing = RwSignal::new(false);

    let env = Memo::new(move |_| parse_env(&env_text.get()));
    let app = api.name().to_owned();
    let cli = {
        let app = app.clone();
        move || {
            let env = env.get().unwrap_or_default();
            let command = command.get();
            let command = if command.trim().is_empty() {
                "bash".to_owned()
            } else {
                command
            };
            cli_command(&app, &command, &size.get(), &env)
        }
    };

    let run = Action::new_local(move |request: &RunRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move {
            api.run(&request)
                .await
                .map(|started| (request.command, started))
        }
    });
    on_success(run, move |(text, started)| {
        let label = started
            .container
            .label
            .clone()
            .unwrap_or_else(|| format!("one-off-{}", started.container.type_index));
        notices.success(format!("Started {label}: {text}"));
        command.set(String::new());
        operations.touch(&app);
    });
    let failure = write_failure(run, &[]);
    let submit = Callback::new(move |()| {
        let Ok(env) = env.get_untracked() else {
            return;
        };
        let text = command.get_untracked().trim().to_owned();
        if text.is_empty() {
            missing.set(true);
            return;
        }
        missing.set(false);
        run.dispatch(RunRequest {
            command: text,
            env,
            size: Some(size.get_untracked()),
            detached: true,
            has_uploads: None,
        });
    });
    let error = Signal::derive(move || {
        if missing.get() {
            Some(FormError {
                message: Some("Type the command to run.".to_owned()),
                fields: Vec::new(),
            })
        } else {
            failure.get()
        }
    });

    let size_options = move || {
        let current = size.get_untracked();
        sizes
            .get()
            .into_iter()
            .map(|s| {
                let selected = s.name == current;
                view! { <option value=s.name.clone() selected=selected>{s.name.clone()}</option> }
            })
            .collect_view()
    };

    view! {
        <FormShell
            class="card"
            labelled_by="one-off-title"
            on_submit=submit
            action="Run detached"
            sending_label="Starting…"
            pending=run.pending()
            error
            ready=Signal::derive(move || env.get().is_ok())
            variant=ButtonVariant::Primary
            footer=Box::new(move || view! {
                <div class="cli-hint">
                    <p class="muted">
                        "Interactive (attached) runs need a raw TCP connection that browsers cannot open. Run it from a terminal:"
                    </p>
                    <div class="cli-hint__line">
                        <code class="mono break">{cli.clone()}</code>
                        <CopyButton text=Signal::derive(cli.clone()) label="Copy the command" />
                    </div>
                </div>
            }.into_any())
        >
            <h2 id="one-off-title" class="card__title">"Run a one-off container"</h2>
            <p class="muted">
                "The command runs in the background (detached); its output goes to the app's logs. "
                "It must end by itself, or be stopped from the container list above."
            </p>
            <div class="form__grid">
                <div class="field">
                    <label for="one-off-command" class="field__label">"Command"</label>
                    <input
                        id="one-off-command"
                        class="input mono"
                        type="text"
                        placeholder="bundle exec rake db:migrate"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || command.get()
                        on:input:target=move |ev| command.set(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for="one-off-size" class="field__label">"Size"</label>
                    <select
                        id="one-off-size"
                        class="input"
                        on:change:target=move |ev| size.set(ev.target().value())
                    >
                        {size_options}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="one-off-env" class="field__label">"Extra environment variables"</label>
                <textarea
                    id="one-off-env"
                    class="input mono"
                    rows="3"
                    placeholder="NAME=value, one per line"
                    spellcheck="false"
                    aria-describedby="one-off-env-errors"
                    prop:value=move || env_text.get()
                    on:input:target=move |ev| env_text.set(ev.target().value())
                ></textarea>
                <ul id="one-off-env-errors" class="field__errors">
                    {move || {
                        env.get()
                            .err()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|message| view! { <li>{message}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </FormShell>
    }
}

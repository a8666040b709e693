use leptos::prelude::*;
use scalingo_api::{variable_name_errors, variable_value_errors, NewVariable, Variable};

use super::{on_success, write_failure, EnvDiffView, Write};
use crate::{
    api::{use_app_api, ApiError},
    browser::{download::download_text, file_text::picked_file_text},
    logic::{
        dotenv::{parse, render},
        env_diff::EnvDiff,
    },
    ui::{Button, ButtonVariant},
};

/// The API's rules about one variable of the text, as sentences.
fn variable_rules(name: &str, value: &str) -> Vec<String> {
    let about_name = variable_name_errors(name)
        .into_iter()
        .map(|rule| format!("the name {name:?} {rule}"));
    let about_value = variable_value_errors(value)
        .into_iter()
        .map(|rule| format!("the value of {name} {rule}"));
    about_name.chain(about_value).collect()
}

/// Sends a bulk edit: the upsert by name, then the delete by ids.
async fn apply(
    api: crate::api::AppApi,
    upserts: Vec<(String, String)>,
    removed_ids: Vec<String>,
) -> Result<(), ApiError> {
    if !upserts.is_empty() {
        let variables = upserts
            .into_iter()
            .map(|(name, value)| NewVariable { name, value })
            .collect();
        api.put_variables(variables).await?;
    }
    if !removed_ids.is_empty() {
        api.delete_variables(removed_ids).await?;
    }
    Ok(())
}

/// The variables as `.env` text: edited, imported from a file or exported
/// to one, then reviewed as a diff (values masked) before it is applied.
/// The text is a draft of the app page: it outlives a visit to another
/// tab, and a failure never clears it.
#[component]
pub fn EnvTextEditor(
    variables: Vec<Variable>,
    draft: RwSignal<Option<String>>,
    read_only: bool,
    /// Called with what changed ("1 added, 1 changed").
    on_applied: Callback<String>,
) -> impl IntoView {
    let api = use_app_api();
    let file_name = format!("{}.env", api.name());
    let current: Vec<(String, String)> = variables
        .iter()
        .map(|v| (v.name.clone(), v.value.clone().unwrap_or_default()))
        .collect();
    let saved_text = render(current.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let text = {
        let saved_text = saved_text.clone();
        Memo::new(move |_| draft.get().unwrap_or_else(|| saved_text.clone()))
    };
    let parsed = Memo::new(move |_| text.with(|t| parse(t, variable_rules)));
    let diff = Memo::new(move |_| {
        parsed.with(|parsed| {
            parsed.as_ref().ok().map(|entries| {
                EnvDiff::between(
                    current.iter().map(|(n, v)| (n.as_str(), v.as_str())),
                    entries.iter().map(|e| (e.name.as_str(), e.value.as_str())),
                )
            })
        })
    });
    let edited = Memo::new(move |_| draft.with(Option::is_some));
    let reviewing = RwSignal::new(false);
    let show_values = RwSignal::new(false);
    let import_error = RwSignal::new(None::<String>);

    let ids: Vec<(String, String)> = variables
        .iter()
        .map(|v| (v.name.clone(), v.id.clone()))
        .collect();
    let applying: Write<EnvDiff, String> = Action::new_local(move |diff: &EnvDiff| {
        let removed_ids = diff
            .removals()
            .into_iter()
            .filter_map(|name| {
                ids.iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, id)| id.clone())
            })
            .collect();
        let (api, upserts, summary) = (api.clone(), diff.upserts(), diff.summary());
        async move { apply(api, upserts, removed_ids).await.map(|()| summary) }
    });
    on_success(applying, move |summary| {
        reviewing.set(false);
        draft.set(None);
        on_applied.run(summary);
    });
    let failure = write_failure(applying, &[]);

    let import = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            match picked_file_text(&ev).await {
                Some(Ok((_, content))) => {
                    import_error.set(None);
                    reviewing.set(false);
                    draft.set(Some(content));
                }
                Some(Err(message)) => import_error.set(Some(message)),
                None => {}
            }
        });
    };
    let saved = StoredValue::new((file_name, saved_text));
    let export = move |_| {
        let outcome = saved.with_value(|(file_name, text)| download_text(file_name, text));
        if let Err(message) = outcome {
            import_error.set(Some(message));
        }
    };
    let errors = move || {
        parsed.with(|parsed| {
            parsed.as_ref().err().map(|errors| {
                let items = errors
                    .iter()
                    .map(|error| view! { <li>{error.to_string()}</li> })
                    .collect_view();
                view! { <ul id="env-text-errors" class="field__errors">{items}</ul> }
            })
        })
    };
    let status = move || match (parsed.with(|p| p.is_ok()), diff.get()) {
        (false, _) => "Fix the lines above to review the changes.".to_owned(),
        (true, Some(diff)) if diff.is_empty() => {
            "The text matches the app's variables: nothing to apply.".to_owned()
        }
        (true, Some(diff)) => format!("{}.", diff.summary()),
        _ => String::new(),
    };
    let can_review = move || diff.with(|d| d.as_ref().is_some_and(|d| !d.is_empty()));

    let editor = move || {
        view! {
            <div class="field">
                <label for="env-text" class="field__label">"Variables as .env"</label>
                <textarea
                    id="env-text"
                    class="input mono env-text"
                    rows="16"
                    spellcheck="false"
                    autocomplete="off"
                    readonly=read_only
                    aria-invalid=move || parsed.with(|p| p.is_err()).to_string()
                    aria-describedby="env-text-help env-text-errors env-text-status"
                    prop:value=text
                    on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                ></textarea>
                <p id="env-text-help" class="field__help">
                    "One NAME=value a line; # starts a comment, export is allowed, quoted values may span lines. A variable left out is deleted."
                </p>
                {errors}
                <p id="env-text-status" class="field__note" aria-live="polite">{status}</p>
            </div>
            <div class="form__actions">
                <label class="button">
                    "Import a .env file"
                    <input type="file" class="visually-hidden" accept=".env,text/plain" on:change=import />
                </label>
                <Button on:click=export>"Export to a .env file"</Button>
                {move || edited.get().then(|| view! {
                    <Button variant=ButtonVariant::Ghost on:click=move |_| draft.set(None)>"Discard the edits"</Button>
                })}
                {(!read_only).then(|| view! {
                    <Button variant=ButtonVariant::Primary disabled=Signal::derive(move || !can_review()) on:click=move |_| reviewing.set(true)>
                        "Review changes"
                    </Button>
                })}
            </div>
            {move || import_error.get().map(|m| view! { <p class="form__error" role="alert">{m}</p> })}
        }
    };
    let review = move || {
        let diff = diff.get().unwrap_or_default();
        let summary = diff.summary();
        let unchanged = diff.unchanged;
        let to_apply = diff.clone();
        view! {
            <section class="env-review" aria-labelledby="env-review-title">
                <h3 id="env-review-title" class="card__title">{format!("Review: {summary}")}</h3>
                <p class="muted">{format!("{unchanged} unchanged. Nothing is sent until you apply.")}</p>
                <button
                    type="button"
                    class="button button--small"
                    aria-pressed=move || show_values.get().to_string()
                    on:click=move |_| show_values.update(|s| *s = !*s)
                >
                    {move || if show_values.get() { "Hide values" } else { "Show values" }}
                </button>
                <EnvDiffView diff show_values />
                {move || failure.get().and_then(|f| f.message).map(|m| view! { <p class="form__error" role="alert">{m}</p> })}
                <div class="form__actions">
                    <Button on:click=move |_| reviewing.set(false)>"Back to the text"</Button>
                    <Button
                        variant=ButtonVariant::Primary
                        disabled=applying.pending()
                        on:click=move |_| { applying.dispatch(to_apply.clone()); }
                    >
                        {move || if applying.pending().get() { "Applying…" } else { "Apply changes" }}
                    </Button>
                </div>
            </section>
        }
    };
    move || {
        if reviewing.get() {
            review().into_any()
        } else {
            editor().into_any()
        }
    }
}

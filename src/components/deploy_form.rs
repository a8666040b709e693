use leptos::prelude::*;
use scalingo_api::{full_message, source_url_errors, Deployment, NewDeployment};

use super::{field_errors, on_success, write_failure, Write};
use crate::{
    api::use_app_api,
    ui::{ButtonVariant, FieldErrors, FormShell},
};

/// Deploys a gzipped tar archive from an https URL (a release artefact,
/// a CI build): the URL checked while typed, the API's refusals beside
/// their field, the deployment followed on its page once started.
#[component]
pub fn DeployForm(on_started: Callback<Deployment>) -> impl IntoView {
    let api = use_app_api();
    let source_url = RwSignal::new(String::new());
    let git_ref = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let deploy: Write<NewDeployment, Deployment> = Action::new_local(move |new: &NewDeployment| {
        let (api, new) = (api.clone(), new.clone());
        async move { api.create_deployment(new).await }
    });
    let failure = write_failure(deploy, &["source_url", "git_ref"]);
    on_success(deploy, move |started| {
        source_url.set(String::new());
        git_ref.set(String::new());
        touched.set(false);
        tried.set(false);
        on_started.run(started);
    });
    let url_messages = Memo::new(move |_| {
        let typed = source_url.get();
        let mut messages: Vec<String> = if touched.get() || tried.get() {
            source_url_errors(&typed)
                .iter()
                // Blank says itself once the user tries to send.
                .filter(|rule| tried.get() || *rule != "can't be blank")
                .map(|rule| full_message("source_url", rule))
                .collect()
        } else {
            Vec::new()
        };
        messages.extend(field_errors(failure, "source_url").get());
        messages
    });
    let ref_messages = field_errors(failure, "git_ref");
    let submit = Callback::new(move |()| {
        tried.set(true);
        if !url_messages.get_untracked().is_empty() {
            return;
        }
        let label = git_ref.get_untracked().trim().to_owned();
        deploy.dispatch(NewDeployment {
            source_url: source_url.get_untracked().trim().to_owned(),
            git_ref: (!label.is_empty()).then_some(label),
        });
    });
    view! {
        <FormShell
            class="card"
            labelled_by="deploy-title"
            on_submit=submit
            action="Deploy"
            sending_label="Starting…"
            pending=deploy.pending()
            error=failure
            variant=ButtonVariant::Primary
        >
            <h2 id="deploy-title" class="card__title">"Deploy an archive"</h2>
            <p class="muted">"A .tar.gz with one top-level folder holding the app's code, downloadable over https by the platform."</p>
            <div class="field">
                <label for="deploy-source" class="field__label">"Archive URL"</label>
                <input
                    id="deploy-source"
                    type="url"
                    class="input mono"
                    placeholder="https://github.com/org/repo/archive/v1.2.0.tar.gz"
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || (!url_messages.get().is_empty()).to_string()
                    aria-describedby="deploy-source-errors"
                    prop:value=source_url
                    on:input=move |ev| {
                        source_url.set(event_target_value(&ev));
                        touched.set(true);
                    }
                />
                <FieldErrors id="deploy-source-errors" messages=url_messages live=true />
            </div>
            <div class="field">
                <label for="deploy-ref" class="field__label">"Label (git ref)"</label>
                <input
                    id="deploy-ref"
                    class="input mono"
                    placeholder="v1.2.0"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="deploy-ref-help deploy-ref-errors"
                    prop:value=git_ref
                    on:input=move |ev| git_ref.set(event_target_value(&ev))
                />
                <p id="deploy-ref-help" class="field__help">"Shown in the history; a commit id, a tag or any label."</p>
                <FieldErrors id="deploy-ref-errors" messages=ref_messages />
            </div>
        </FormShell>
    }
}

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use scalingo_api::Deployment;

use super::{super::use_app_data, follow::follow};
use crate::{
    api::use_app_api,
    browser::socket::SocketState,
    components::{BuildOutput, DateTime, DeploymentBadge, QueryView},
    logic::{
        build_output::{commit_url, duration},
        format::bytes,
        routes::{app_href, link, Tab},
    },
    state::query::{use_query, QueryOptions},
};

/// What the live stream is doing, in words.
fn stream_words(state: Option<SocketState>, finished: bool) -> String {
    match (state, finished) {
        (_, true) => String::new(),
        (None, false) => "Following the output (read every few seconds)…".to_owned(),
        (Some(SocketState::Connecting), _) => "Connecting to the live output…".to_owned(),
        (Some(SocketState::Live), _) => {
            "Live: new lines appear as the build writes them.".to_owned()
        }
        (Some(SocketState::Reconnecting { delay_secs, .. }), _) => {
            format!("The live output was cut; reconnecting in {delay_secs} s…")
        }
        (Some(SocketState::Failed(reason)), _) => format!("The live output stopped: {reason}."),
    }
}

/// `/apps/:name/deploy/:id`: a deployment's facts and its build output,
/// followed live while it runs.
#[component]
pub fn DeploymentPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || {
        let id = id.get();
        view! { <DeploymentView id /> }
    }
}

#[component]
fn DeploymentView(id: String) -> impl IntoView {
    let api = use_app_api();
    let data = use_app_data();
    let deployment = {
        let api = api.clone();
        use_query(
            move || Some(id.clone()),
            move |id: String| {
                let api = api.clone();
                async move { api.deployment(&id).await }
            },
            QueryOptions::default(),
        )
    };
    let back = link(&app_href(&data.name(), Tab::Deploy));
    let render = move |loaded: Deployment| {
        let stream_url = data
            .app
            .fresh()
            .and_then(|app| app.links)
            .and_then(|links| links.deployments_stream);
        let followed = follow(api.clone(), &loaded, stream_url);
        let finished = Signal::derive(move || followed.status.with(|s| s.is_finished()));
        let lines = Signal::derive(move || followed.output.with(|o| o.lines.clone()));
        let git_ref = loaded.git_ref.clone().unwrap_or_default();
        let commit = data
            .app
            .fresh()
            .and_then(|app| app.git_source)
            .and_then(|source| commit_url(&source, &git_ref))
            .map(|url| view! { " " <a href=url target="_blank" rel="noopener noreferrer">"view the commit"</a> });
        let pusher = loaded.pusher.as_ref().map(|p| {
            if p.email.is_empty() {
                p.username.clone()
            } else {
                format!("{} <{}>", p.username, p.email)
            }
        });
        let dash = |v: Option<String>| {
            v.filter(|v| !v.is_empty())
                .unwrap_or_else(|| "—".to_owned())
        };
        let file_name = format!("{}-{}.log", data.name(), loaded.id);
        view! {
            <section class="section" aria-labelledby="deployment-title">
                <h2 id="deployment-title" class="section__title">
                    "Deployment " <span class="mono">{loaded.id.clone()}</span>
                </h2>
                <dl class="facts facts--wide">
                    <dt>"Status"</dt>
                    <dd><DeploymentBadge status=followed.status /></dd>
                    <dt>"Git ref"</dt>
                    <dd><span class="mono break">{dash(Some(git_ref.clone()))}</span>{commit}</dd>
                    <dt>"Previous ref"</dt>
                    <dd class="mono break">{dash(loaded.previous_git_ref.clone())}</dd>
                    <dt>"Pushed by"</dt>
                    <dd class="break">{dash(pusher)}</dd>
                    <dt>"Type"</dt>
                    <dd>{dash(loaded.kind.clone())}</dd>
                    <dt>"Started"</dt>
                    <dd><DateTime value=loaded.created_at.clone() /></dd>
                    <dt>"Finished"</dt>
                    <dd><DateTime value=loaded.finished_at.clone() fallback="not yet" /></dd>
                    <dt>"Duration"</dt>
                    <dd>{dash(loaded.duration.map(duration))}</dd>
                    <dt>"Image size"</dt>
                    <dd>{dash(loaded.image_size.filter(|s| *s > 0).map(bytes))}</dd>
                    <dt>"Base image"</dt>
                    <dd class="mono break">{dash(loaded.stack_base_image.clone())}</dd>
                    <dt>"Post-deploy hook"</dt>
                    <dd class="mono break">{dash(loaded.postdeploy_hook.clone())}</dd>
                </dl>
            </section>
            <section class="section" aria-labelledby="output-title">
                <h2 id="output-title" class="section__title">"Build output"</h2>
                <p class="muted" aria-live="polite">
                    {move || stream_words(followed.stream.get(), finished.get())}
                </p>
                {move || followed.error.get().map(|m| view! { <p class="form__error" role="alert">{m}</p> })}
                <BuildOutput lines file_name following=Signal::derive(move || !finished.get()) />
            </section>
        }
    };
    view! {
        <nav class="subnav" aria-label="Deployment">
            <A href=back>"← Every deployment"</A>
        </nav>
        <QueryView query=deployment what="the deployment" lines=8 render once=true />
    }
}

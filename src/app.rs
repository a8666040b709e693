use gloo_net::http::Request;
use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};
use web_sys::RequestCache;

use crate::{
    api::ApiClient,
    components::{NoticeTray, OperationTray, TopBar},
    pages::{AppListPage, AppPage, ConnectPage, NotFound},
    state::{
        config::RuntimeConfig,
        notices::Notices,
        operations::Operations,
        session::{self, Phase, Session},
    },
};

/// Reads `config.json` from the served root, bypassing caches so that a
/// changed environment takes effect on the next load.
async fn load_config() -> Result<RuntimeConfig, String> {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let response = Request::get("/config.json")
        .cache(RequestCache::NoStore)
        .send()
        .await
        .map_err(|e| format!("config.json could not be loaded: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {}).",
            response.status()
        ));
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("config.json could not be read: {e}"))?;
    RuntimeConfig::parse(&text, &origin)
}

/// The application: configuration first, then the session, then the pages.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <Router>
            <Transition fallback=Splash>
                {move || Suspend::new(async move {
                    match config.await {
                        Ok(config) => view! { <Shell config /> }.into_any(),
                        Err(message) => view! { <ConfigError message /> }.into_any(),
                    }
                })}
            </Transition>
        </Router>
    }
}

/// Shown while the configuration loads and the session opens.
#[component]
fn Splash() -> impl IntoView {
    view! {
        <div class="splash" role="status" aria-live="polite">
            <div class="splash__spinner" aria-hidden="true"></div>
            <p>"Connecting to Scalingo…"</p>
        </div>
    }
}

#[component]
fn ConfigError(message: String) -> impl IntoView {
    view! {
        <div class="page page--narrow">
            <h1>"The dashboard is not configured"</h1>
            <p class="form__error" role="alert">{message}</p>
            <p>
                "The dashboard reads the API addresses from config.json next to index.html. "
                "See the README for its format."
            </p>
        </div>
    }
}

/// The page frame once configured: the session decides between the connect
/// screen and the routes, without changing the URL, so a deep link opened
/// before connecting is shown right after.
#[component]
fn Shell(config: RuntimeConfig) -> impl IntoView {
    let session = Session::new();
    let client = ApiClient::new(config, session);
    provide_context(client.clone());
    provide_context(Operations::new());
    provide_context(Notices::new());
    leptos::task::spawn_local(async move { session::resume(&client).await });

    let phase = Memo::new(move |_| session.phase());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        {move || (phase.get() == Phase::Connected).then(|| view! { <TopBar /> })}
        <main id="main" tabindex="-1">
            {move || match phase.get() {
                Phase::Connecting => view! { <Splash /> }.into_any(),
                Phase::Disconnected => view! { <ConnectPage /> }.into_any(),
                Phase::Connected => {
                    view! {
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=|| view! { <Redirect path="/apps" /> } />
                            <Route path=path!("/apps") view=AppListPage />
                            <Route path=path!("/apps/:name") view=AppPage />
                            <Route path=path!("/apps/:name/:tab") view=AppPage />
                        </Routes>
                    }
                        .into_any()
                }
            }}
        </main>
        {move || (phase.get() == Phase::Connected).then(|| view! { <OperationTray /> })}
        <NoticeTray />
    }
}

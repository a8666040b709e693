use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use scalingo_api::{App, Container, ContainerSize, ContainerType, Stack};

use super::NotFound;
use crate::{
    api::{use_api, ApiError},
    components::{AppFacts, AsyncView, ContainerTable, ExternalLink, FormationTable, StatusBadge},
    logic::routes::{app_href, app_tab, APP_TABS},
};

/// An application's page: `/apps/:name` and `/apps/:name/:tab`.
#[component]
pub fn AppPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    let tab = Memo::new(move |_| params.with(|p| app_tab(p.get("tab").as_deref())));

    move || match tab.get() {
        Some(tab) => view! { <AppSections name=name.get() tab /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

/// The page for one app name: its data is loaded in parallel as soon as the
/// page opens.
#[component]
fn AppSections(name: String, tab: &'static str) -> impl IntoView {
    let client = use_api();
    let region = client.default_region();
    let load = {
        let (client, region, name) = (client.clone(), region.clone(), name.clone());
        move || (client.clone(), region.clone(), name.clone())
    };

    let app = LocalResource::new({
        let load = load.clone();
        move || {
            let (client, region, name) = load();
            async move { client.app(&region, &name).await }
        }
    });
    let formation = LocalResource::new({
        let load = load.clone();
        move || {
            let (client, region, name) = load();
            async move {
                let (formation, sizes) = futures::future::join(
                    client.formation(&region, &name),
                    client.container_sizes(&region),
                )
                .await;
                // Sizes only add memory figures: the formation stands without them.
                Ok::<_, ApiError>((formation?, sizes.unwrap_or_default()))
            }
        }
    });
    let containers = LocalResource::new({
        let load = load.clone();
        move || {
            let (client, region, name) = load();
            async move { client.containers(&region, &name).await }
        }
    });
    let stacks = LocalResource::new(move || {
        let (client, region, _) = load();
        async move { client.stacks(&region).await }
    });

    let refresh = move |_| {
        app.refetch();
        formation.refetch();
        containers.refetch();
    };

    let tabs = APP_TABS
        .iter()
        .map(|(segment, label)| {
            let href = app_href(&name, Some(segment));
            let current = (*segment == tab).then_some("page");
            view! {
                <A href=href attr:class="tabs__tab" attr:aria-current=current>
                    {*label}
                </A>
            }
        })
        .collect_view();

    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <A href="/apps">"Apps"</A>
                <span aria-hidden="true">" / "</span>
                <span aria-current="page">{name.clone()}</span>
            </nav>
            <div class="page__header">
                <div class="page__title">
                    <h1 class="break">{name.clone()}</h1>
                    {move || {
                        app.get()
                            .and_then(Result::ok)
                            .map(|app| {
                                view! {
                                    <StatusBadge status=app.status.clone() />
                                    <ExternalLink url=app.url.clone() />
                                }
                            })
                    }}
                </div>
                <div class="page__actions">
                    <button type="button" class="button" on:click=refresh>
                        "Refresh"
                    </button>
                </div>
            </div>
            <nav class="tabs" aria-label="App sections">{tabs}</nav>
            <AsyncView
                resource=app
                what="the app"
                lines=10
                render=move |app| view! { <Overview app formation containers stacks /> }
            />
        </div>
    }
}

type FormationData = (Vec<ContainerType>, Vec<ContainerSize>);

/// The overview tab: every attribute, the formation and the containers.
#[component]
fn Overview(
    app: App,
    formation: LocalResource<Result<FormationData, ApiError>>,
    containers: LocalResource<Result<Vec<Container>, ApiError>>,
    stacks: LocalResource<Result<Vec<Stack>, ApiError>>,
) -> impl IntoView {
    let facts = move || {
        let stacks = stacks.get().and_then(Result::ok).unwrap_or_default();
        view! { <AppFacts app=app.clone() stacks /> }
    };
    view! {
        {facts}
        <section class="section" aria-labelledby="formation-title">
            <h2 id="formation-title" class="section__title">"Formation"</h2>
            <AsyncView
                resource=formation
                what="the formation"
                render=move |(formation, sizes)| {
                    view! { <FormationTable formation sizes /> }
                }
            />
        </section>
        <section class="section" aria-labelledby="containers-title">
            <h2 id="containers-title" class="section__title">"Containers"</h2>
            <AsyncView
                resource=containers
                what="the containers"
                render=move |containers| view! { <ContainerTable containers /> }
            />
        </section>
    }
}

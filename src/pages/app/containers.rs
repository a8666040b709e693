use std::{collections::BTreeSet, time::Duration};

use leptos::prelude::*;
use scalingo_api::Container;

use super::{use_app_data, AppData};
use crate::ui::{Button, ButtonVariant};
use crate::{
    api::use_app_api,
    chunks::LazyAutoscalers,
    components::{
        use_restarts, use_ticking_now, ContainerActions, ContainerTable, OneOffForm,
        OperationStatusLine, QueryView, RestartRequest, ScalePanel,
    },
    state::{
        notices::use_notices,
        operations::{use_operations, Operations},
        query::{use_query, QueryOptions},
    },
    ui::ConfirmDialog,
};

/// How often `ps` is reloaded while containers are changing.
const LIVE_REFRESH: Duration = Duration::from_secs(3);

/// "3 containers", "1 container".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn changing(containers: &[Container]) -> bool {
    containers
        .iter()
        .any(|c| c.state != "running" || c.kind == "one-off")
}

/// Reloads the container list every few seconds while an operation runs or
/// a container is booting, stopping or a one-off: what users watch here.
/// Slower in a busy minute, and stopped with the tab.
fn keep_containers_live(data: AppData, operations: Operations) {
    let client = crate::api::use_api();
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        loop {
            let every = LIVE_REFRESH.mul_f64(client.polling_factor().max(1.0));
            gloo_timers::future::sleep(every).await;
            let busy = operations.running_on(&data.name()).is_some();
            let live =
                untrack(|| data.containers.fresh()).is_some_and(|containers| changing(&containers));
            if busy || live {
                data.containers.refetch();
            }
        }
    });
}

/// Scale, restart, the containers with their actions, and one-off runs.
#[component]
pub fn ContainersTab() -> impl IntoView {
    let data = use_app_data();
    let operations = use_operations();
    let api = use_app_api();
    let notices = use_notices();
    keep_containers_live(data, operations);
    let blocked = Signal::derive(move || data.blocked(operations));
    let now = use_ticking_now();
    let read_only = crate::state::preferences::use_preferences();
    // Scale changes not applied yet: kept here, above the reloads.
    let pending_scale = RwSignal::new(Vec::new());
    // Read here for the scale panel (ranges) and the autoscalers below it;
    // again when the formation changes (scaling by hand turns one off).
    let autoscalers = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.autoscalers().await }
            },
            QueryOptions::default(),
        )
    };
    Effect::new(move |previous: Option<Option<u64>>| {
        let seq = data.formation.fresh_seq();
        if previous.is_some_and(|before| before.is_some() && before != seq) {
            autoscalers.refetch();
        }
        seq
    });
    let autoscaled = Signal::derive(move || autoscalers.fresh().unwrap_or_default());

    // Every restart is confirmed first, naming what restarts.
    let restarts = use_restarts();
    let restart = Callback::new(move |scope: Vec<String>| {
        let containers = untrack(|| data.containers.fresh()).unwrap_or_default();
        let count = |kind: &str| containers.iter().filter(|c| c.kind == kind).count();
        let what = match scope.as_slice() {
            [] => format!(
                "every container ({})",
                plural(
                    containers.iter().filter(|c| c.kind != "one-off").count(),
                    "container"
                )
            ),
            [one] if containers.iter().any(|c| c.display_label() == *one) => one.clone(),
            [kind] => format!("{kind} ({})", plural(count(kind), "container")),
            many => many.join(", "),
        };
        restarts.ask(RestartRequest {
            app: data.name(),
            region: data.region(),
            scope,
            what,
        });
    });

    // A one-off is stopped after a confirmation; its row says "stopping"
    // at once, until the platform's list says the same or drops it.
    let stop_asked = RwSignal::new(None::<(String, String)>);
    let stop_open = RwSignal::new(false);
    let stopping = RwSignal::new(BTreeSet::<String>::new());
    Effect::new(move |_| {
        // Forget the ones the platform now reports.
        let Some(list) = data.containers.fresh() else {
            return;
        };
        stopping.update(|ids| {
            ids.retain(|id| {
                list.iter()
                    .any(|c| &c.id == id && c.state != "stopping" && c.state != "stopped")
            })
        });
    });
    let stop = {
        let api = api.clone();
        Action::new_local(move |(id, label): &(String, String)| {
            let (api, id, label) = (api.clone(), id.clone(), label.clone());
            async move {
                let answer = api.stop_container(&id).await;
                (id, label, answer)
            }
        })
    };
    Effect::new(move |_| match stop.value().get() {
        Some((_, label, Ok(()))) => {
            notices.success(format!("{label} is stopping."));
            data.containers.refetch();
        }
        Some((id, label, Err(error))) => {
            stopping.update(|ids| {
                ids.remove(&id);
            });
            notices.error(format!("{label} was not stopped: {error}"));
        }
        None => {}
    });
    let confirm_stop = Callback::new(move |_| {
        let Some((id, label)) = stop_asked.get_untracked() else {
            return;
        };
        stopping.update(|ids| {
            ids.insert(id.clone());
        });
        stop.dispatch((id, label));
    });
    let signal = Action::new_local(
        move |(id, label, signal): &(String, String, &'static str)| {
            let (api, id, label, signal) = (api.clone(), id.clone(), label.clone(), *signal);
            async move {
                match api.send_signal(&id, signal).await {
                    Ok(()) => Ok(format!("{signal} sent to {label}.")),
                    Err(error) => Err(format!("{signal} was not sent to {label}: {error}")),
                }
            }
        },
    );
    Effect::new(move |_| match signal.value().get() {
        Some(Ok(message)) => notices.success(message),
        Some(Err(message)) => notices.error(message),
        None => {}
    });

    let actions = ContainerActions {
        on_restart: Callback::new(move |label: String| restart.run(vec![label])),
        on_signal: Callback::new(move |target: (String, String, &'static str)| {
            signal.dispatch(target);
        }),
        on_stop: Callback::new(move |target: (String, String)| {
            stop_asked.set(Some(target));
            stop_open.set(true);
        }),
        blocked,
        stopping: stopping.into(),
    };

    let latest = move || operations.latest_on(&data.name());
    let sizes = Signal::derive(move || {
        data.formation
            .fresh()
            .map(|(_, sizes)| sizes)
            .unwrap_or_default()
    });

    view! {
        {move || {
            latest()
                .map(|op| {
                    view! {
                        <div class="operation-banner" role="status" aria-live="polite">
                            <OperationStatusLine op now />
                        </div>
                    }
                })
        }}
        <Show when=move || read_only.read_only()>
            <p class="notice notice--info" role="status">
                "Read-only mode: scaling, restarts, signals and one-off runs are turned off."
            </p>
        </Show>
        <Show when=move || !read_only.read_only()>
        <div class="two-columns">
            <QueryView
                query=data.formation
                what="the formation"
                render=move |(formation, sizes)| {
                    if formation.is_empty() {
                        return view! {
                            <section class="card">
                                <h2 class="card__title">"Scale"</h2>
                                <p class="muted">"Container types appear after the first deployment: there is nothing to scale yet."</p>
                            </section>
                        }
                            .into_any();
                    }
                    let types: Vec<String> = formation
                        .iter()
                        .filter(|kind| kind.amount > 0)
                        .map(|kind| kind.name.clone())
                        .collect();
                    view! {
                        <ScalePanel
                            formation
                            sizes
                            blocked
                            pending=pending_scale
                            autoscalers=autoscaled
                        />
                        <RestartCard types restart blocked />
                    }
                        .into_any()
                }
            />
        </div>
        </Show>
        <LazyAutoscalers autoscalers />
        <section class="section" aria-labelledby="ps-title">
            <h2 id="ps-title" class="section__title">"Containers"</h2>
            <QueryView
                query=data.containers
                what="the containers"
                render=move |containers| {
                    let actions = (!read_only.read_only()).then_some(actions);
                    view! { <ContainerTable containers actions /> }
                }
            />
        </section>
        <Show when=move || stop_open.get()>
            <ConfirmDialog
                open=stop_open
                id="stop-confirm"
                title="Stop the one-off?"
                message=stop_asked
                    .get_untracked()
                    .map(|(_, label)| format!("Stop {label}? The command it runs is interrupted (SIGTERM, then SIGKILL after a grace period)."))
                    .unwrap_or_default()
                confirm_label="Stop"
                on_confirm=confirm_stop
            />
        </Show>
        <Show when=move || !read_only.read_only()>
            <section class="section">
                <OneOffForm sizes=sizes />
            </section>
        </Show>
    }
}

/// Restart the whole app or one container type.
#[component]
fn RestartCard(
    types: Vec<String>,
    restart: Callback<Vec<String>>,
    blocked: Signal<Option<String>>,
) -> impl IntoView {
    let per_type = types
        .into_iter()
        .map(|kind| {
            let label = format!("Restart {kind}");
            view! {
                <Button disabled=move || blocked.get().is_some() on:click=move |_| restart.run(vec![kind.clone()])>
                    {label}
                </Button>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="restart-title">
            <h2 id="restart-title" class="card__title">"Restart"</h2>
            <p class="muted">"Rolling restart: new containers start before the old ones stop."</p>
            <div class="button-row">
                <Button variant=ButtonVariant::Primary disabled=move || blocked.get().is_some() on:click=move |_| restart.run(Vec::new())>
                    "Restart all"
                </Button>
                {per_type}
            </div>
            {move || blocked.get().map(|reason| view! { <p class="form__hint">{reason}</p> })}
        </section>
    }
}

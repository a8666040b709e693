use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::{ContainerSize, OperationStatus};

use crate::ui::{Button, ButtonVariant};
use crate::{
    api::{use_api, ApiClient, ApiError, AppApi},
    logic::{
        park::{
            describe, monthly_cost, park_request, to_park, unpark_request, ParkedApp, ParkedType,
        },
        scale::euros,
    },
    state::{fleet::use_fleet, operations::use_operations, parking::use_parking},
    ui::Dialog,
};

/// Apps handled at the same time: the platform limits how many apps of an
/// account can scale at once.
const CONCURRENCY: usize = 2;
/// Attempts when the API answers 429 (the request was not processed).
const RATE_LIMIT_RETRIES: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParkMode {
    Park,
    Unpark,
}

/// Where one app is.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Loading,
    /// Ready, with what would change: (from, to, cents per month of the
    /// formation that stops or starts).
    Planned {
        from: Vec<ParkedType>,
        to: Vec<ParkedType>,
        cents: Option<f64>,
    },
    Skipped(String),
    Running,
    Done,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
struct Item {
    region: String,
    app: String,
    step: Step,
}

fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

async fn sizes_of(client: &ApiClient, region: &str) -> Vec<ContainerSize> {
    client.container_sizes(region).await.unwrap_or_default()
}

/// Parks or unparks the selected apps: a preview first (what changes, and
/// the €/month saved or spent), then the changes with bounded concurrency
/// and a progress line per app. Failures are listed and can be retried.
#[component]
pub fn ParkDialog(
    open: RwSignal<bool>,
    mode: ParkMode,
    targets: Vec<(String, String)>,
) -> impl IntoView {
    let client = use_api();
    let parking = use_parking();
    let operations = use_operations();
    let fleet = use_fleet();
    let items = RwSignal::new(
        targets
            .into_iter()
            .map(|(region, app)| Item {
                region,
                app,
                step: Step::Loading,
            })
            .collect::<Vec<_>>(),
    );
    let set_step = move |index: usize, step: Step| items.update(|list| list[index].step = step);

    // The preview: current formations (park) or remembered ones (unpark).
    {
        let client = client.clone();
        leptos::task::spawn_local(async move {
            let list = items.get_untracked();
            let mut sizes: Vec<(String, Vec<ContainerSize>)> = Vec::new();
            for (index, item) in list.iter().enumerate() {
                if !sizes.iter().any(|(r, _)| *r == item.region) {
                    sizes.push((item.region.clone(), sizes_of(&client, &item.region).await));
                }
                let region_sizes = sizes
                    .iter()
                    .find(|(r, _)| *r == item.region)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default();
                let step = match mode {
                    ParkMode::Park => match client.formation(&item.region, &item.app).await {
                        Ok(formation) => {
                            let from = to_park(&formation);
                            if from.is_empty() {
                                Step::Skipped("already stopped".to_owned())
                            } else {
                                let cents = monthly_cost(&from, &region_sizes);
                                Step::Planned {
                                    from,
                                    to: Vec::new(),
                                    cents,
                                }
                            }
                        }
                        Err(error) => Step::Failed(error.to_string()),
                    },
                    ParkMode::Unpark => match parking.get(&item.region, &item.app) {
                        Some(parked) => {
                            let cents = monthly_cost(&parked.formation, &region_sizes);
                            Step::Planned {
                                from: Vec::new(),
                                to: parked.formation,
                                cents,
                            }
                        }
                        None => Step::Skipped(
                            "no remembered formation (it was not parked here)".to_owned(),
                        ),
                    },
                };
                set_step(index, step);
            }
        });
    }

    let total_cents = move || {
        items.with(|list| {
            list.iter().try_fold(0.0, |total, item| match &item.step {
                Step::Planned { cents, .. } => Some(total + (*cents)?),
                _ => Some(total),
            })
        })
    };
    let planned = move || {
        items.with(|list| {
            list.iter()
                .filter(|i| matches!(i.step, Step::Planned { .. } | Step::Failed(_)))
                .count()
        })
    };
    let loading = move || items.with(|list| list.iter().any(|i| i.step == Step::Loading));

    // One app: remember (park), scale, wait for the operation.
    let handle = {
        let client = client.clone();
        move |index: usize, item: Item| {
            let client = client.clone();
            async move {
                set_step(index, Step::Running);
                let request = match mode {
                    ParkMode::Park => {
                        let formation = match client.formation(&item.region, &item.app).await {
                            Ok(formation) => formation,
                            Err(error) => return set_step(index, Step::Failed(error.to_string())),
                        };
                        let remembered = ParkedApp {
                            region: item.region.clone(),
                            app: item.app.clone(),
                            parked_at: now_rfc3339(),
                            formation: to_park(&formation),
                        };
                        if remembered.formation.is_empty() {
                            return set_step(index, Step::Skipped("already stopped".to_owned()));
                        }
                        // Saved before scaling: the formation is never lost.
                        if let Err(why) = parking.remember(remembered) {
                            return set_step(index, Step::Failed(why));
                        }
                        park_request(&formation)
                    }
                    ParkMode::Unpark => match parking.get(&item.region, &item.app) {
                        Some(parked) => unpark_request(&parked),
                        None => {
                            return set_step(
                                index,
                                Step::Skipped("no remembered formation".to_owned()),
                            )
                        }
                    },
                };
                let mut attempt = 0;
                let started = loop {
                    match client.scale(&item.region, &item.app, &request).await {
                        Err(ApiError::Http { status: 429, .. }) if attempt < RATE_LIMIT_RETRIES => {
                            attempt += 1;
                            gloo_timers::future::sleep(Duration::from_secs(5 * u64::from(attempt)))
                                .await;
                        }
                        other => break other,
                    }
                };
                let started = match started {
                    Ok(started) => started,
                    Err(error) => {
                        let hint = if error.status() == Some(409) {
                            " (an operation is running on it: retry when it ends)"
                        } else {
                            ""
                        };
                        return set_step(index, Step::Failed(format!("{error}{hint}")));
                    }
                };
                let label = match mode {
                    ParkMode::Park => format!("Park {}", item.app),
                    ParkMode::Unpark => format!("Unpark {}", item.app),
                };
                let api = AppApi::new(client.clone(), item.region.clone(), item.app.clone());
                let outcome = match operations.follow(&api, label, started.operation_url.as_deref())
                {
                    Some(key) => operations.finished(key).await,
                    None => None,
                };
                match outcome {
                    Some(op) if op.status == OperationStatus::Error || op.error.is_some() => {
                        set_step(
                            index,
                            Step::Failed(
                                op.error
                                    .unwrap_or_else(|| "the operation failed".to_owned()),
                            ),
                        );
                    }
                    _ => {
                        if mode == ParkMode::Unpark {
                            parking.forget(&item.region, &item.app);
                        }
                        set_step(index, Step::Done);
                    }
                }
            }
        }
    };

    // Runs every planned or failed app, a few at a time.
    let run = Action::new_local(move |todo: &Vec<(usize, Item)>| {
        let (handle, todo) = (handle.clone(), todo.clone());
        async move {
            for batch in todo.chunks(CONCURRENCY) {
                let jobs = batch
                    .iter()
                    .cloned()
                    .map(|(index, item)| handle(index, item));
                futures::future::join_all(jobs).await;
            }
            fleet.refetch();
        }
    });
    let running = run.pending();
    let start = move |_| {
        run.dispatch(
            items
                .get_untracked()
                .into_iter()
                .enumerate()
                .filter(|(_, item)| matches!(item.step, Step::Planned { .. } | Step::Failed(_)))
                .collect(),
        );
    };

    let verb = match mode {
        ParkMode::Park => "Park",
        ParkMode::Unpark => "Unpark",
    };
    let rows = move || {
        items
            .get()
            .into_iter()
            .map(|item| {
                let (class, text) = match &item.step {
                    Step::Loading => ("muted", "Looking at the formation…".to_owned()),
                    Step::Planned { from, to, cents } => {
                        let change = match mode {
                            ParkMode::Park => format!("{} → stopped", describe(from)),
                            ParkMode::Unpark => format!("stopped → {}", describe(to)),
                        };
                        let price = cents
                            .map(|c| format!(" · {}/month", euros(c)))
                            .unwrap_or_default();
                        ("", format!("{change}{price}"))
                    }
                    Step::Skipped(why) => ("muted", format!("Skipped: {why}")),
                    Step::Running => ("busy", "In progress…".to_owned()),
                    Step::Done => ("ok", "Done".to_owned()),
                    Step::Failed(why) => ("danger", format!("Failed: {why}")),
                };
                view! {
                    <li class=format!("park__item park__item--{class}")>
                        <span class="park__app mono">{item.app.clone()}</span>
                        <span class="park__region muted">{item.region.clone()}</span>
                        <span class="park__step">{text}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let summary = move || {
        let count = planned();
        let money = total_cents().map(|c| {
            let what = if mode == ParkMode::Park {
                "saves"
            } else {
                "costs"
            };
            format!(" ({what} {}/month)", euros(c))
        });
        format!(
            "{verb} {count} app{}{}",
            if count == 1 { "" } else { "s" },
            money.unwrap_or_default()
        )
    };
    let title = format!("{verb} apps");
    view! {
        <Dialog open title id="park">
            <p class="muted">
                {match mode {
                    ParkMode::Park => "Every container type goes to 0; the formation is remembered in this browser (export it below) to be restored later.",
                    ParkMode::Unpark => "The remembered formations are restored; once an app is back, its formation is forgotten here.",
                }}
            </p>
            <ul class="park__list" aria-live="polite">{rows}</ul>
            <div class="form__actions">
                <Button on:click=move |_| open.set(false)>
                    {move || if running.get() { "Hide (continues)" } else { "Close" }}
                </Button>
                <Button variant=ButtonVariant::Primary disabled=move || running.get() || loading() || planned() == 0 on:click=start>
                    {summary}
                </Button>
            </div>
        </Dialog>
    }
}

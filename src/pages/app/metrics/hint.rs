use leptos::prelude::*;

use crate::{
    logic::metrics::{hint_metrics, hint_sentence},
    state::query::Query,
};

/// The platform's recommended autoscaling target for the chosen type, for
/// the metrics that apply to it, and where the line is drawn.
#[component]
pub fn AutoscalingHint(
    kind: Signal<String>,
    /// The metric asked about (`cpu`, `memory`…).
    metric: RwSignal<String>,
    /// The answer: (metric, value), keyed by (type, metric).
    recommended: Query<(String, String), (String, Option<f64>)>,
    memory_limit: Signal<Option<f64>>,
    web_amount: Signal<u32>,
) -> impl IntoView {
    // Router metrics only exist for web: another type falls back to CPU.
    Effect::new(move |_| {
        let kind = kind.get();
        let chosen = metric.get();
        if !hint_metrics(&kind).iter().any(|m| m.id == chosen) {
            metric.set("cpu".to_owned());
        }
    });
    let options = move || {
        let chosen = metric.get();
        hint_metrics(&kind.get())
            .into_iter()
            .map(|m| {
                view! { <option value=m.id selected=m.id == chosen>{m.label}</option> }
            })
            .collect_view()
    };
    let text = move || {
        let kind = kind.get();
        if let Some(failure) = recommended.failure() {
            return format!("No recommendation: {}", failure.error);
        }
        match recommended.fresh() {
            None => "Looking up the recommended target…".to_owned(),
            Some((metric, value)) => {
                hint_sentence(&kind, &metric, value, memory_limit.get(), web_amount.get())
            }
        }
    };
    view! {
        <section class="card metrics__hint" aria-labelledby="hint-title">
            <h2 id="hint-title" class="card__title">"Autoscaling hint"</h2>
            <label class="field__inline">
                <span>"Metric"</span>
                <select class="input" on:change:target=move |ev| metric.set(ev.target().value())>
                    {options}
                </select>
            </label>
            <p class="metrics__hint-text" role="status">{text}</p>
        </section>
    }
}

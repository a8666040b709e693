use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::{is_valid_app_name, AppNameKind, NewApp};

use crate::{api::use_api, logic::name_check::ServerVerdict};

/// How long typing must pause before the API is asked about a name.
const PAUSE: Duration = Duration::from_millis(400);

/// Asks the API (a dry-run creation) whether names typed are available,
/// once typing pauses on a name the rules accept. `Copy`.
#[derive(Clone, Copy)]
pub struct NameAvailability {
    /// The name asked about, and the answer.
    pub verdict: RwSignal<(String, ServerVerdict)>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// Bumped by every check and cancel: an answer to an older one is
    /// dropped.
    generation: StoredValue<u64>,
}

/// A checker of names of `kind`; `request` gives the region and the
/// creation to dry-run for a name.
pub fn use_name_availability(
    kind: AppNameKind,
    request: impl Fn(String) -> (String, NewApp) + Clone + Send + Sync + 'static,
) -> (NameAvailability, Callback<String>) {
    let client = use_api();
    let availability = NameAvailability {
        verdict: RwSignal::new((String::new(), ServerVerdict::Unknown)),
        pending: StoredValue::new(None),
        generation: StoredValue::new(0),
    };
    on_cleanup(move || availability.cancel());
    let check = Callback::new(move |candidate: String| {
        availability.cancel();
        if !is_valid_app_name(&candidate, kind) {
            return;
        }
        let Some(generation) = availability.generation.try_get_value() else {
            return;
        };
        let (client, request) = (client.clone(), request.clone());
        let handle = set_timeout_with_handle(
            move || {
                if availability.generation.try_get_value() != Some(generation) {
                    return;
                }
                availability
                    .verdict
                    .try_set((candidate.clone(), ServerVerdict::Checking));
                let (region, app) = request(candidate.clone());
                leptos::task::spawn_local(async move {
                    let outcome = match client.create_app(&region, app, true).await {
                        Ok(_) => ServerVerdict::Available,
                        Err(error) => match error.field_messages("name") {
                            messages if !messages.is_empty() => ServerVerdict::Rejected(messages),
                            _ => ServerVerdict::Unchecked(error.to_string()),
                        },
                    };
                    if availability.generation.try_get_value() != Some(generation) {
                        return;
                    }
                    // A slower answer about an older name must not win.
                    availability.verdict.try_update(|(checked, verdict)| {
                        if *checked == candidate {
                            *verdict = outcome;
                        }
                    });
                });
            },
            PAUSE,
        );
        availability.pending.try_set_value(handle.ok());
    });
    (availability, check)
}

impl NameAvailability {
    /// Forgets a check that has not been sent yet, and any answer still to
    /// come: submitting the form answers the question anyway.
    pub fn cancel(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        self.generation.try_update_value(|g| *g += 1);
    }

    /// Records the API's refusal of `name` (from a real submission).
    pub fn rejected(&self, name: String, messages: Vec<String>) {
        self.verdict
            .try_set((name, ServerVerdict::Rejected(messages)));
    }
}

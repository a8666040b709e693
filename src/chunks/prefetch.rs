use std::{cell::RefCell, collections::HashSet};

use leptos::{prelude::*, wasm_split::SplitLoaderError};

use super::{dialogs, pages};
use crate::logic::routes::{SettingsSection, Tab};

/// A part of the dashboard in a chunk of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    AppPage,
    Tab(Tab),
    /// A deployment's page (in the Deploy tab).
    Deployment,
    /// A section of the Settings tab other than General (`Tab(Settings)`).
    Settings(SettingsSection),
    /// The autoscalers of the Containers tab.
    Autoscalers,
    ActivityPage,
    CommandPalette,
    Shortcuts,
    CreateApp,
    Park,
    RestartConfirm,
}

impl Part {
    /// The part an address of an app page shows: its tab, or the section
    /// of the settings.
    pub fn of_path(path: &str) -> Part {
        match Tab::of_path(path).unwrap_or(Tab::Overview) {
            Tab::Settings => {
                let section = path
                    .split_once("/settings/")
                    .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
                    .and_then(|segment| {
                        SettingsSection::ALL
                            .into_iter()
                            .find(|s| !segment.is_empty() && s.segment() == segment)
                    });
                section.map_or(Part::Tab(Tab::Settings), Part::Settings)
            }
            tab => Part::Tab(tab),
        }
    }

    /// Every part, the likeliest to be wanted first.
    const ALL: [Part; 22] = [
        Part::AppPage,
        Part::Tab(Tab::Overview),
        Part::Tab(Tab::Deploy),
        Part::Deployment,
        Part::Tab(Tab::Containers),
        Part::Autoscalers,
        Part::Tab(Tab::Addons),
        Part::Tab(Tab::Logs),
        Part::Tab(Tab::Metrics),
        Part::Tab(Tab::Activity),
        Part::Tab(Tab::Environment),
        Part::Tab(Tab::ChildApps),
        Part::Tab(Tab::Settings),
        Part::Settings(SettingsSection::Domains),
        Part::Settings(SettingsSection::Collaborators),
        Part::Settings(SettingsSection::Alerts),
        Part::CommandPalette,
        Part::RestartConfirm,
        Part::CreateApp,
        Part::Park,
        Part::ActivityPage,
        Part::Shortcuts,
    ];

    /// Fetches the chunk without drawing it.
    async fn fetch(self) -> Result<(), SplitLoaderError> {
        match self {
            Part::AppPage => pages::prefetch_app_page().await,
            Part::ActivityPage => pages::prefetch_activity_page().await,
            Part::Tab(Tab::Overview) => pages::prefetch_overview().await,
            Part::Tab(Tab::Deploy) => pages::prefetch_deploy().await,
            Part::Deployment => pages::prefetch_deployment().await,
            Part::Tab(Tab::Containers) => pages::prefetch_containers().await,
            Part::Tab(Tab::Logs) => pages::prefetch_logs().await,
            Part::Tab(Tab::Metrics) => pages::prefetch_metrics().await,
            Part::Tab(Tab::Activity) => pages::prefetch_activity().await,
            Part::Tab(Tab::Environment) => pages::prefetch_environment().await,
            Part::Tab(Tab::ChildApps) => pages::prefetch_child_apps().await,
            Part::Tab(Tab::Settings) | Part::Settings(SettingsSection::General) => {
                pages::prefetch_settings().await
            }
            Part::Settings(SettingsSection::Domains) => pages::prefetch_domains().await,
            Part::Settings(SettingsSection::Collaborators) => pages::prefetch_collaborators().await,
            Part::Settings(SettingsSection::Alerts) => pages::prefetch_alerts().await,
            Part::Autoscalers => pages::prefetch_autoscalers().await,
            Part::Tab(Tab::Addons) => pages::prefetch_addons().await,
            Part::CommandPalette => dialogs::prefetch_command_palette().await,
            Part::Shortcuts => dialogs::prefetch_shortcuts_dialog().await,
            Part::CreateApp => dialogs::prefetch_create_app_dialog().await,
            Part::Park => dialogs::prefetch_park_dialog().await,
            Part::RestartConfirm => dialogs::prefetch_restart_confirm().await,
        }
    }
}

thread_local! {
    /// The parts already asked for: pointing at a link again and again
    /// starts nothing more.
    static ASKED: RefCell<HashSet<Part>> = RefCell::new(HashSet::new());
}

/// Fetches the chunk of `part` (when a link to it is pointed at or
/// focused), once. A failure is left for the visit to report.
pub fn prefetch(part: Part) {
    if !ASKED.with_borrow_mut(|asked| asked.insert(part)) {
        return;
    }
    leptos::task::spawn_local(async move {
        let _ = part.fetch().await;
    });
}

/// Fetches every chunk, one after the other, once the page has settled: a
/// tab then opens as fast as if it were in the first load.
pub fn prefetch_all_when_idle() {
    set_timeout(
        || {
            // Marked for the end-to-end tests: what the first load fetched
            // is what came before this.
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark(PREFETCH_MARK);
            }
            leptos::task::spawn_local(async {
                for part in Part::ALL {
                    ASKED.with_borrow_mut(|asked| asked.insert(part));
                    let _ = part.fetch().await;
                }
            })
        },
        IDLE_AFTER,
    );
}

/// The performance mark set when the prefetching of every chunk starts.
pub const PREFETCH_MARK: &str = "chunks-prefetch";

/// How long after start-up the page is taken to have settled.
const IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

//! The dashboard's own URLs, built in one place.

use std::sync::OnceLock;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The path the dashboard is served under (`""`, or `/portal/scalingo`),
/// set once at start-up from the page's `<base>`.
static BASE: OnceLock<String> = OnceLock::new();

/// Records the sub-path the dashboard is served under.
pub fn set_base(base: &str) {
    let _ = BASE.set(base.trim_end_matches('/').to_owned());
}

/// `path` (one of the dashboard's own, from the hrefs here) as a link's
/// `href`: under the sub-path. The router's `navigate` adds the sub-path
/// itself and takes `path` as it is; links are followed by the browser's
/// rules and need it written out.
pub fn link(path: &str) -> String {
    format!(
        "{}{path}",
        BASE.get().map(String::as_str).unwrap_or_default()
    )
}

/// App names come from API data: escape everything that could change the
/// path, keeping the characters valid names are made of.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_');

/// The tabs of an app page, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Overview,
    Deploy,
    Containers,
    Addons,
    Logs,
    Metrics,
    Activity,
    Environment,
    ChildApps,
    Settings,
}

impl Tab {
    pub const ALL: [Tab; 10] = [
        Tab::Overview,
        Tab::Deploy,
        Tab::Containers,
        Tab::Addons,
        Tab::Logs,
        Tab::Metrics,
        Tab::Activity,
        Tab::Environment,
        Tab::ChildApps,
        Tab::Settings,
    ];

    /// The tab's path segment; the overview has none (`/apps/<name>`).
    pub fn segment(self) -> &'static str {
        match self {
            Tab::Overview => "",
            Tab::Deploy => "deploy",
            Tab::Containers => "containers",
            Tab::Addons => "addons",
            Tab::Logs => "logs",
            Tab::Metrics => "metrics",
            Tab::Activity => "activity",
            Tab::Environment => "environment",
            Tab::ChildApps => "child-apps",
            Tab::Settings => "settings",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Deploy => "Deploy",
            Tab::Containers => "Containers",
            Tab::Addons => "Addons",
            Tab::Logs => "Logs",
            Tab::Metrics => "Metrics",
            Tab::Activity => "Activity",
            Tab::Environment => "Environment",
            Tab::ChildApps => "Child apps",
            Tab::Settings => "Settings",
        }
    }

    /// The tab a path segment names (`overview` is the overview too).
    pub fn from_segment(segment: &str) -> Option<Tab> {
        match segment {
            "" | "overview" => Some(Tab::Overview),
            other => Tab::ALL.into_iter().find(|tab| tab.segment() == other),
        }
    }

    /// The tab an address shows: `/apps/<name>[/<segment>[/…]]`, under
    /// the dashboard's base path (a deployment's page is in the Deploy
    /// tab).
    pub fn of_path(path: &str) -> Option<Tab> {
        let rest = path.split_once("/apps/")?.1;
        let segment = rest.split_once('/').map_or("", |(_, tab)| tab);
        Tab::from_segment(segment.split('/').next().unwrap_or_default())
    }
}

/// The sections of the Settings tab, each a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingsSection {
    General,
    Domains,
    Collaborators,
    Alerts,
}

impl SettingsSection {
    pub const ALL: [SettingsSection; 4] = [
        SettingsSection::General,
        SettingsSection::Domains,
        SettingsSection::Collaborators,
        SettingsSection::Alerts,
    ];

    /// The section's path segment under `settings`; none for General.
    pub fn segment(self) -> &'static str {
        match self {
            SettingsSection::General => "",
            SettingsSection::Domains => "domains",
            SettingsSection::Collaborators => "collaborators",
            SettingsSection::Alerts => "alerts",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SettingsSection::General => "General",
            SettingsSection::Domains => "Domains",
            SettingsSection::Collaborators => "Collaborators",
            SettingsSection::Alerts => "Alerts and notifiers",
        }
    }
}

/// `/apps/<name>/settings[/<section>]`.
pub fn settings_href(name: &str, section: SettingsSection) -> String {
    match section.segment() {
        "" => app_href(name, Tab::Settings),
        segment => format!("{}/{segment}", app_href(name, Tab::Settings)),
    }
}

/// `/apps/<name>/deploy/<id>`: a deployment's page.
pub fn deployment_href(name: &str, id: &str) -> String {
    format!(
        "{}/{}",
        app_href(name, Tab::Deploy),
        utf8_percent_encode(id, SEGMENT)
    )
}

/// `/apps/<name>`, or `/apps/<name>/<tab>` for the other tabs.
pub fn app_href(name: &str, tab: Tab) -> String {
    let name = utf8_percent_encode(name, SEGMENT);
    match tab.segment() {
        "" => format!("/apps/{name}"),
        segment => format!("/apps/{name}/{segment}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs() {
        assert_eq!(app_href("shop-api", Tab::Overview), "/apps/shop-api");
        assert_eq!(
            app_href("shop-api", Tab::ChildApps),
            "/apps/shop-api/child-apps"
        );
        assert_eq!(
            app_href("a/../b?c#d", Tab::Overview),
            "/apps/a%2F%2E%2E%2Fb%3Fc%23d"
        );
    }

    #[test]
    fn tabs() {
        assert_eq!(Tab::from_segment(""), Some(Tab::Overview));
        assert_eq!(Tab::from_segment("overview"), Some(Tab::Overview));
        assert_eq!(Tab::from_segment("logs"), Some(Tab::Logs));
        assert_eq!(Tab::from_segment("nope"), None);
        for tab in Tab::ALL {
            assert_eq!(Tab::from_segment(tab.segment()), Some(tab));
        }
        assert_eq!(Tab::of_path("/portal/apps/shop-api"), Some(Tab::Overview));
        assert_eq!(Tab::of_path("/apps/shop-api/logs/"), Some(Tab::Logs));
        assert_eq!(
            Tab::of_path("/apps/shop-api/deploy/dep-1"),
            Some(Tab::Deploy)
        );
        assert_eq!(Tab::of_path("/apps/shop-api/nope"), None);
        assert_eq!(
            Tab::of_path("/apps/shop-api/settings/domains"),
            Some(Tab::Settings)
        );
        assert_eq!(
            settings_href("shop-api", SettingsSection::Collaborators),
            "/apps/shop-api/settings/collaborators"
        );
        assert_eq!(
            settings_href("shop-api", SettingsSection::General),
            "/apps/shop-api/settings"
        );
        assert_eq!(
            deployment_href("shop-api", "a/b"),
            "/apps/shop-api/deploy/a%2Fb"
        );
    }
}

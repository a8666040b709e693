//! The application list's view state (filter, sort, grouping), kept in the
//! URL query so that every view is linkable, and the functions that apply it.

use std::cmp::Ordering;

use scalingo_api::{App, AppStatus};

use super::query_string::QueryString;
use super::time::parse_rfc3339_ms;

/// What the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Status,
    Project,
    Owner,
    LastDeployed,
    Created,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Status,
        SortKey::Project,
        SortKey::Owner,
        SortKey::LastDeployed,
        SortKey::Created,
    ];

    /// The value in the URL (`?sort=deployed`).
    pub fn as_param(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Status => "status",
            SortKey::Project => "project",
            SortKey::Owner => "owner",
            SortKey::LastDeployed => "deployed",
            SortKey::Created => "created",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Status => "Status",
            SortKey::Project => "Project",
            SortKey::Owner => "Owner",
            SortKey::LastDeployed => "Last deployment",
            SortKey::Created => "Creation date",
        }
    }

    fn from_param(param: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|key| key.as_param() == param)
    }
}

/// The list's view state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// Words that must all appear in the app's name, project, owner, status
    /// or URL (case-insensitive).
    pub filter: String,
    pub sort: SortKey,
    pub descending: bool,
    pub group_by_project: bool,
    /// Only the apps of this region; empty for every region.
    pub region: String,
}

impl ListQuery {
    /// Reads `?q=…&sort=-deployed&group=project`; unknown values fall back
    /// to the defaults rather than failing.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let sort_param = get("sort").unwrap_or_default();
        let (descending, key) = match sort_param.strip_prefix('-') {
            Some(key) => (true, key),
            None => (false, sort_param.as_str()),
        };
        let sort = SortKey::from_param(key);
        ListQuery {
            filter: get("q").unwrap_or_default(),
            sort: sort.unwrap_or_default(),
            descending: descending && sort.is_some(),
            group_by_project: get("group").as_deref() == Some("project"),
            region: get("region").unwrap_or_default(),
        }
    }

    /// The query string for this state (`?q=shop&sort=-deployed`), empty for
    /// the defaults so that the plain `/apps` stays the canonical link.
    pub fn to_query_string(&self) -> String {
        let sort = if self.sort != SortKey::Name || self.descending {
            format!(
                "{}{}",
                if self.descending { "-" } else { "" },
                self.sort.as_param()
            )
        } else {
            String::new()
        };
        QueryString::new()
            .text("q", &self.filter)
            .text("sort", &sort)
            .text("group", if self.group_by_project { "project" } else { "" })
            .text("region", &self.region)
            .finish()
    }

    /// The apps that match the filter, in the requested order.
    pub fn apply<'a>(&self, apps: &'a [App]) -> Vec<&'a App> {
        self.matching(&self.order(apps), &SearchIndex::new(apps))
            .into_iter()
            .filter_map(|position| apps.get(position))
            .collect()
    }

    /// The positions in `apps` of the apps of the region, in the requested
    /// order: sorted once when the list or the order changes, not at every
    /// keystroke of the filter.
    pub fn order(&self, apps: &[App]) -> Vec<usize> {
        let mut order: Vec<usize> = apps
            .iter()
            .enumerate()
            .filter(|(_, app)| {
                self.region.is_empty() || app.region.as_deref() == Some(self.region.as_str())
            })
            .map(|(position, _)| position)
            .collect();
        // Dates are read once, not at each comparison.
        let dates: Vec<Option<i64>> = apps.iter().map(|app| sort_date(app, self.sort)).collect();
        order.sort_by(|&a, &b| {
            let (app_a, app_b) = (&apps[a], &apps[b]);
            let ordering = match self.sort {
                SortKey::LastDeployed | SortKey::Created => {
                    // Apps without the date (never deployed…) go last
                    // either way round.
                    match (dates[a], dates[b]) {
                        (Some(_), None) => return Ordering::Less,
                        (None, Some(_)) => return Ordering::Greater,
                        (date_a, date_b) => date_a.cmp(&date_b),
                    }
                }
                key => compare(app_a, app_b, key),
            };
            let ordering = if self.descending {
                ordering.reverse()
            } else {
                ordering
            };
            // Ties keep a stable, readable order.
            ordering.then_with(|| app_a.name.cmp(&app_b.name))
        });
        order
    }

    /// The positions of `order` (from [`ListQuery::order`]) whose apps
    /// match the filter, in that order; `index` is the search index of the
    /// apps.
    pub fn matching(&self, order: &[usize], index: &SearchIndex) -> Vec<usize> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return order.to_vec();
        }
        order
            .iter()
            .copied()
            .filter(|&position| {
                let haystack = index.text(position);
                words.iter().all(|word| haystack.contains(word.as_str()))
            })
            .collect()
    }
}

/// What the filter searches, per app, in lower case: built once when the
/// list changes, not at every keystroke.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchIndex(Vec<String>);

impl SearchIndex {
    pub fn new(apps: &[App]) -> Self {
        SearchIndex(apps.iter().map(search_text).collect())
    }

    fn text(&self, position: usize) -> &str {
        self.0.get(position).map_or("", String::as_str)
    }
}

/// The name, project, owner, status, URL, region and parent of an app.
fn search_text(app: &App) -> String {
    let project = app.project.as_ref().map(|p| p.name.as_str());
    let owner = app.owner.as_ref();
    [
        Some(app.name.as_str()),
        project,
        owner.map(|o| o.username.as_str()),
        owner.map(|o| o.email.as_str()),
        app.status.as_ref().map(AppStatus::as_str),
        app.url.as_deref(),
        app.region.as_deref(),
        app.parent(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

/// Problems first: the order an on-call person wants to read statuses in.
fn status_rank(status: Option<&AppStatus>) -> u8 {
    match status {
        Some(AppStatus::Crashed) => 0,
        Some(AppStatus::Booting | AppStatus::Restarting | AppStatus::Scaling) => 1,
        Some(AppStatus::Running) => 2,
        Some(AppStatus::New) => 3,
        Some(AppStatus::Stopped) => 4,
        Some(AppStatus::Other(_)) => 5,
        None => 6,
    }
}

/// Dates compare as instants (offsets differ between API objects).
/// The date an app is sorted by, for the date orders.
fn sort_date(app: &App, key: SortKey) -> Option<i64> {
    let date = match key {
        SortKey::LastDeployed => app.last_deployed_at.as_deref(),
        SortKey::Created => app.created_at.as_deref(),
        _ => return None,
    };
    date.and_then(parse_rfc3339_ms)
}

fn compare(a: &App, b: &App, key: SortKey) -> Ordering {
    match key {
        SortKey::Name => a.name.cmp(&b.name),
        SortKey::Status => status_rank(a.status.as_ref()).cmp(&status_rank(b.status.as_ref())),
        SortKey::Project => project_name(a).cmp(project_name(b)),
        SortKey::Owner => owner_name(a).cmp(owner_name(b)),
        SortKey::LastDeployed | SortKey::Created => sort_date(a, key).cmp(&sort_date(b, key)),
    }
}

fn project_name(app: &App) -> &str {
    app.project.as_ref().map(|p| p.name.as_str()).unwrap_or("")
}

fn owner_name(app: &App) -> &str {
    app.owner
        .as_ref()
        .map(|o| o.username.as_str())
        .unwrap_or("")
}

/// A group of the list: a project's name and its apps, in list order.
#[derive(Debug, PartialEq)]
pub struct ProjectGroup<'a> {
    pub project: String,
    pub apps: Vec<&'a App>,
}

/// Splits an ordered list by project, groups ordered by project name, apps
/// without a project last.
pub fn group_by_project<'a>(apps: &[&'a App]) -> Vec<ProjectGroup<'a>> {
    let mut groups: Vec<ProjectGroup<'a>> = Vec::new();
    for app in apps {
        let project = project_name(app).to_owned();
        match groups.iter_mut().find(|g| g.project == project) {
            Some(group) => group.apps.push(app),
            None => groups.push(ProjectGroup {
                project,
                apps: vec![app],
            }),
        }
    }
    groups.sort_by(|a, b| match (a.project.is_empty(), b.project.is_empty()) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.project.cmp(&b.project),
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalingo_api::{Owner, ProjectRef};

    fn app(name: &str, status: AppStatus, project: &str, deployed: Option<&str>) -> App {
        App {
            name: name.to_owned(),
            status: Some(status),
            project: (!project.is_empty()).then(|| ProjectRef {
                id: format!("pr-{project}"),
                name: project.to_owned(),
            }),
            owner: Some(Owner {
                username: format!("owner-of-{name}"),
                ..Default::default()
            }),
            last_deployed_at: deployed.map(str::to_owned),
            ..Default::default()
        }
    }

    fn sample() -> Vec<App> {
        vec![
            app(
                "shop-web",
                AppStatus::Running,
                "storefront",
                Some("2024-03-02T10:00:00.000Z"),
            ),
            app(
                "billing",
                AppStatus::Crashed,
                "internal",
                Some("2024-03-01T10:00:00+01:00"),
            ),
            app("shop-api", AppStatus::Stopped, "storefront", None),
            app(
                "docs-site",
                AppStatus::New,
                "",
                Some("2024-03-03T00:00:00Z"),
            ),
        ]
    }

    fn names(apps: &[&App]) -> Vec<String> {
        apps.iter().map(|a| a.name.clone()).collect()
    }

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        ListQuery::from_params(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn filter_matches_all_words_in_any_field() {
        let apps = sample();
        assert_eq!(
            names(&query(&[("q", "shop")]).apply(&apps)),
            ["shop-api", "shop-web"]
        );
        assert_eq!(
            names(&query(&[("q", "STOREFRONT run")]).apply(&apps)),
            ["shop-web"]
        );
        assert_eq!(names(&query(&[("q", "crashed")]).apply(&apps)), ["billing"]);
        assert_eq!(
            names(&query(&[("q", "owner-of-docs")]).apply(&apps)),
            ["docs-site"]
        );
        assert!(query(&[("q", "nothing-like-this")]).apply(&apps).is_empty());
    }

    #[test]
    fn sorts_by_each_key() {
        let apps = sample();
        assert_eq!(
            names(&query(&[]).apply(&apps)),
            ["billing", "docs-site", "shop-api", "shop-web"]
        );
        assert_eq!(
            names(&query(&[("sort", "status")]).apply(&apps)),
            ["billing", "shop-web", "docs-site", "shop-api"]
        );
        // Newest deployment first; never deployed last either way round.
        assert_eq!(
            names(&query(&[("sort", "-deployed")]).apply(&apps)),
            ["docs-site", "shop-web", "billing", "shop-api"]
        );
        assert_eq!(
            names(&query(&[("sort", "deployed")]).apply(&apps)),
            ["billing", "shop-web", "docs-site", "shop-api"]
        );
        assert_eq!(
            names(&query(&[("sort", "project")]).apply(&apps)),
            ["docs-site", "billing", "shop-api", "shop-web"]
        );
    }

    #[test]
    fn url_round_trip() {
        let q = ListQuery {
            filter: "shop web&x".to_owned(),
            sort: SortKey::LastDeployed,
            descending: true,
            group_by_project: true,
            region: String::new(),
        };
        let qs = q.to_query_string();
        assert_eq!(qs, "?q=shop%20web%26x&sort=-deployed&group=project");
        assert_eq!(ListQuery::default().to_query_string(), "");
        let parsed = query(&[
            ("q", "shop web&x"),
            ("sort", "-deployed"),
            ("group", "project"),
        ]);
        assert_eq!(parsed, q);
    }

    #[test]
    fn region_filter() {
        let mut apps = sample();
        apps[0].region = Some("osc-secnum-fr1".into());
        let q = query(&[("region", "osc-secnum-fr1")]);
        assert_eq!(names(&q.apply(&apps)), ["shop-web"]);
        assert_eq!(q.to_query_string(), "?region=osc-secnum-fr1");
    }

    #[test]
    fn unknown_params_fall_back() {
        assert_eq!(
            query(&[("sort", "-bogus"), ("group", "x")]),
            ListQuery::default()
        );
    }

    #[test]
    fn groups_by_project_with_no_project_last() {
        let apps = sample();
        let sorted = query(&[]).apply(&apps);
        let groups = group_by_project(&sorted);
        let summary: Vec<(String, Vec<String>)> = groups
            .iter()
            .map(|g| (g.project.clone(), names(&g.apps)))
            .collect();
        assert_eq!(
            summary,
            [
                ("internal".to_owned(), vec!["billing".to_owned()]),
                (
                    "storefront".to_owned(),
                    vec!["shop-api".to_owned(), "shop-web".to_owned()]
                ),
                (String::new(), vec!["docs-site".to_owned()]),
            ]
        );
    }
}

//! The addon catalogue: categories, providers and their plans, with prices
//! in euros per month close to the platform's (a free `Sandbox` plan where
//! the platform has one). Kept in the platform (`Platform::addon_providers`)
//! so that the hostile demo can add its own provider; data files from
//! before addons get this one.
//!
//! Provider ids are the platform's readable ones (`postgresql`); plan ids
//! are 24-hex ids drawn from the plan's name, the same in every run.

use scalingo_api::{AddonCategory, AddonPlan, AddonPricing, AddonPricings, AddonProvider};

/// Where the simulator serves a provider's logo (`routes::sim_addons`):
/// a path of its own origin, made absolute when rendered.
pub fn logo_path(provider_id: &str) -> String {
    format!("/_sim/addon-logos/{provider_id}.svg")
}

/// A 24-hex id drawn from `name` (two FNV-1a hashes).
pub fn stable_id(name: &str) -> String {
    let hash = |basis: u64| {
        name.bytes().fold(basis, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x84222325_cbf29ce4));
    format!("{a:016x}{:08x}", b >> 32)
}

const CATEGORIES: [(&str, &str, &str); 4] = [
    (
        "databases",
        "Databases",
        "Managed databases, backed up and monitored by the platform",
    ),
    (
        "monitoring",
        "Monitoring",
        "Performance monitoring and profiling",
    ),
    ("logging", "Logs", "Log management and search"),
    ("email", "Email", "Transactional email delivery"),
];

pub fn categories() -> Vec<AddonCategory> {
    CATEGORIES
        .iter()
        .zip(1..)
        .map(|((id, name, description), position)| AddonCategory {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            description: Some((*description).to_owned()),
            position: Some(position),
        })
        .collect()
}

/// A plan: the end of its name, its display name, its price, what it
/// gives (the lines of its description), and whether it is still offered.
struct PlanSpec {
    name: &'static str,
    display_name: &'static str,
    price: f64,
    features: &'static [&'static str],
    disabled: bool,
}

const fn plan(
    name: &'static str,
    display_name: &'static str,
    price: f64,
    features: &'static [&'static str],
) -> PlanSpec {
    PlanSpec {
        name,
        display_name,
        price,
        features,
        disabled: false,
    }
}

struct ProviderSpec {
    id: &'static str,
    name: &'static str,
    category: &'static str,
    short_description: &'static str,
    description: &'static str,
    provider_name: &'static str,
    provider_url: &'static str,
    hds_available: bool,
    plans: &'static [PlanSpec],
}

const SANDBOX: &[&str] = &[
    "128 MB of RAM",
    "256 MB of storage",
    "Shared resources, for tests and demos",
];

const PROVIDERS: &[ProviderSpec] = &[
    ProviderSpec {
        id: "postgresql",
        name: "PostgreSQL",
        category: "databases",
        short_description: "Managed PostgreSQL®, with backups and point-in-time recovery",
        description: "<p>PostgreSQL® managed by Scalingo: daily backups, \
                      point-in-time recovery on Business plans, TLS connections \
                      and a dashboard with metrics and logs.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/postgresql",
        hds_available: true,
        plans: &[
            plan("sandbox", "Sandbox", 0.0, SANDBOX),
            plan(
                "starter-512",
                "Starter 512M",
                14.40,
                &["512 MB of RAM", "10 GB of storage", "Daily backups"],
            ),
            plan(
                "starter-1024",
                "Starter 1G",
                28.80,
                &["1 GB of RAM", "20 GB of storage", "Daily backups"],
            ),
            plan(
                "business-1024",
                "Business 1G",
                57.60,
                &[
                    "1 GB of RAM",
                    "20 GB of storage",
                    "2 nodes, automatic failover",
                    "Point-in-time recovery",
                ],
            ),
            plan(
                "business-2048",
                "Business 2G",
                115.20,
                &[
                    "2 GB of RAM",
                    "40 GB of storage",
                    "2 nodes, automatic failover",
                    "Point-in-time recovery",
                ],
            ),
            PlanSpec {
                name: "starter-256",
                display_name: "Starter 256M (legacy)",
                price: 7.20,
                features: &["256 MB of RAM", "5 GB of storage"],
                disabled: true,
            },
        ],
    },
    ProviderSpec {
        id: "mysql",
        name: "MySQL",
        category: "databases",
        short_description: "Managed MySQL®, with daily backups",
        description: "<p>MySQL® managed by Scalingo, with daily backups and a dashboard.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/mysql",
        hds_available: true,
        plans: &[
            plan("sandbox", "Sandbox", 0.0, SANDBOX),
            plan(
                "starter-512",
                "Starter 512M",
                14.40,
                &["512 MB of RAM", "10 GB of storage"],
            ),
            plan(
                "starter-1024",
                "Starter 1G",
                28.80,
                &["1 GB of RAM", "20 GB of storage"],
            ),
            plan(
                "business-1024",
                "Business 1G",
                57.60,
                &["1 GB of RAM", "20 GB of storage", "2 nodes"],
            ),
        ],
    },
    ProviderSpec {
        id: "mongodb",
        name: "MongoDB",
        category: "databases",
        short_description: "Managed MongoDB®, as a replica set on Business plans",
        description: "<p>MongoDB® managed by Scalingo. Business plans run a replica set \
                      of three nodes.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/mongodb",
        hds_available: false,
        plans: &[
            plan("sandbox", "Sandbox", 0.0, SANDBOX),
            plan(
                "starter-512",
                "Starter 512M",
                14.40,
                &["512 MB of RAM", "10 GB of storage"],
            ),
            plan(
                "starter-1024",
                "Starter 1G",
                28.80,
                &["1 GB of RAM", "20 GB of storage"],
            ),
            plan(
                "business-1024",
                "Business 1G",
                57.60,
                &["1 GB of RAM", "20 GB of storage", "Replica set of 3 nodes"],
            ),
        ],
    },
    ProviderSpec {
        id: "redis",
        name: "Redis",
        category: "databases",
        short_description: "Managed Redis®, for caches, queues and sessions",
        description: "<p>Redis® managed by Scalingo, persisted to disk, for caches, \
                      job queues and sessions.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/redis",
        hds_available: true,
        plans: &[
            plan("sandbox", "Sandbox", 0.0, SANDBOX),
            plan(
                "starter-256",
                "Starter 256M",
                7.20,
                &["256 MB of RAM", "Persisted to disk"],
            ),
            plan(
                "starter-512",
                "Starter 512M",
                14.40,
                &["512 MB of RAM", "Persisted to disk"],
            ),
            plan(
                "business-512",
                "Business 512M",
                28.80,
                &["512 MB of RAM", "2 nodes and a sentinel"],
            ),
            plan(
                "business-1024",
                "Business 1G",
                57.60,
                &["1 GB of RAM", "2 nodes and a sentinel"],
            ),
        ],
    },
    ProviderSpec {
        id: "elasticsearch",
        name: "Elasticsearch",
        category: "databases",
        short_description: "Managed Elasticsearch®, for full-text search",
        description: "<p>Elasticsearch® managed by Scalingo, for full-text search and \
                      log analysis.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/elasticsearch",
        hds_available: false,
        plans: &[
            plan("sandbox", "Sandbox", 0.0, SANDBOX),
            plan(
                "starter-1024",
                "Starter 1G",
                36.00,
                &["1 GB of RAM", "20 GB of storage"],
            ),
            plan(
                "starter-2048",
                "Starter 2G",
                72.00,
                &["2 GB of RAM", "40 GB of storage"],
            ),
            plan(
                "business-2048",
                "Business 2G",
                144.00,
                &["2 GB of RAM", "40 GB of storage", "3 nodes"],
            ),
        ],
    },
    ProviderSpec {
        id: "opensearch",
        name: "OpenSearch",
        category: "databases",
        short_description: "Managed OpenSearch®, the open-source search engine",
        description: "<p>OpenSearch® managed by Scalingo, with its dashboards.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/opensearch",
        hds_available: false,
        plans: &[
            plan(
                "starter-1024",
                "Starter 1G",
                36.00,
                &["1 GB of RAM", "20 GB of storage"],
            ),
            plan(
                "starter-2048",
                "Starter 2G",
                72.00,
                &["2 GB of RAM", "40 GB of storage"],
            ),
            plan(
                "business-4096",
                "Business 4G",
                216.00,
                &["4 GB of RAM", "80 GB of storage", "3 nodes"],
            ),
        ],
    },
    ProviderSpec {
        id: "influxdb",
        name: "InfluxDB",
        category: "databases",
        short_description: "Managed InfluxDB®, for time series",
        description: "<p>InfluxDB® managed by Scalingo, for metrics and time series, \
                      with retention policies.</p>",
        provider_name: "Scalingo",
        provider_url: "https://scalingo.com/databases/influxdb",
        hds_available: false,
        plans: &[
            plan("sandbox", "Sandbox", 0.0, SANDBOX),
            plan(
                "starter-512",
                "Starter 512M",
                14.40,
                &["512 MB of RAM", "10 GB of storage"],
            ),
            plan(
                "starter-1024",
                "Starter 1G",
                28.80,
                &["1 GB of RAM", "20 GB of storage"],
            ),
            plan(
                "business-1024",
                "Business 1G",
                57.60,
                &["1 GB of RAM", "20 GB of storage", "2 nodes"],
            ),
        ],
    },
    ProviderSpec {
        id: "blackfire",
        name: "Blackfire",
        category: "monitoring",
        short_description: "Profile and monitor PHP and Python apps",
        description: "<p>Blackfire profiles your code in production and finds \
                      what makes it slow.</p>",
        provider_name: "Blackfire.io",
        provider_url: "https://www.blackfire.io",
        hds_available: false,
        plans: &[
            plan("hack", "Hack", 0.0, &["Profiling on demand", "1 user"]),
            plan(
                "profiler",
                "Profiler",
                29.00,
                &["Profiling on demand", "5 users", "Recommendations"],
            ),
            plan(
                "premium",
                "Premium",
                99.00,
                &["Continuous monitoring", "Unlimited users", "Alerts"],
            ),
        ],
    },
    ProviderSpec {
        id: "scout",
        name: "Scout APM",
        category: "monitoring",
        short_description: "Application performance monitoring for Ruby, Python and PHP",
        description: "<p>Scout APM traces your requests and background jobs and \
                      points at slow queries and N+1s.</p>",
        provider_name: "Scout",
        provider_url: "https://scoutapm.com",
        hds_available: false,
        plans: &[
            plan("basic", "Basic", 0.0, &["100k transactions a month"]),
            plan("startup", "Startup", 39.00, &["1M transactions a month"]),
            plan("growth", "Growth", 199.00, &["10M transactions a month"]),
        ],
    },
    ProviderSpec {
        id: "papertrail",
        name: "Papertrail",
        category: "logging",
        short_description: "Hosted log management: search, tail and alerts",
        description: "<p>Papertrail collects your logs, lets you search and tail them \
                      and alerts on what matters.</p>",
        provider_name: "SolarWinds",
        provider_url: "https://www.papertrail.com",
        hds_available: false,
        plans: &[
            plan(
                "free",
                "Free",
                0.0,
                &["50 MB a month", "48 hours of search"],
            ),
            plan("1gb", "1 GB", 7.00, &["1 GB a month", "7 days of search"]),
            plan("4gb", "4 GB", 18.00, &["4 GB a month", "14 days of search"]),
            plan("8gb", "8 GB", 35.00, &["8 GB a month", "14 days of search"]),
        ],
    },
    ProviderSpec {
        id: "logtail",
        name: "Better Stack Logs",
        category: "logging",
        short_description: "Structured logs with SQL search",
        description: "<p>Better Stack Logs stores structured logs and searches them \
                      with SQL.</p>",
        provider_name: "Better Stack",
        provider_url: "https://betterstack.com/logs",
        hds_available: false,
        plans: &[
            plan(
                "free",
                "Free",
                0.0,
                &["3 GB a month", "3 days of retention"],
            ),
            plan(
                "team",
                "Team",
                24.00,
                &["30 GB a month", "15 days of retention"],
            ),
            plan(
                "business",
                "Business",
                90.00,
                &["100 GB a month", "30 days of retention"],
            ),
        ],
    },
    ProviderSpec {
        id: "mailjet",
        name: "Mailjet",
        category: "email",
        short_description: "Transactional and marketing email",
        description: "<p>Mailjet sends your transactional email over SMTP or its API, \
                      with statistics.</p>",
        provider_name: "Mailjet",
        provider_url: "https://www.mailjet.com",
        hds_available: false,
        plans: &[
            plan("free", "Free", 0.0, &["6,000 emails a month", "200 a day"]),
            plan("essential", "Essential", 15.00, &["15,000 emails a month"]),
            plan(
                "premium",
                "Premium",
                25.00,
                &["15,000 emails a month", "Marketing automation"],
            ),
        ],
    },
    ProviderSpec {
        id: "brevo",
        name: "Brevo",
        category: "email",
        short_description: "Email delivery over SMTP and API",
        description: "<p>Brevo (formerly Sendinblue) delivers transactional email over \
                      SMTP and its API.</p>",
        provider_name: "Brevo",
        provider_url: "https://www.brevo.com",
        hds_available: false,
        plans: &[
            plan("free", "Free", 0.0, &["300 emails a day"]),
            plan("starter", "Starter", 9.00, &["5,000 emails a month"]),
            plan(
                "business",
                "Business",
                18.00,
                &["5,000 emails a month", "A/B tests"],
            ),
        ],
    },
];

/// A plan's description: an HTML list of what it gives, as the platform
/// writes them.
fn description(features: &[&str]) -> String {
    let items: String = features
        .iter()
        .map(|feature| format!("<li>{feature}</li>"))
        .collect();
    format!("<ul>{items}</ul>")
}

fn addon_plan(provider: &str, spec: &PlanSpec, position: u64) -> AddonPlan {
    let name = format!("{provider}-{}", spec.name);
    AddonPlan {
        id: stable_id(&name),
        sku: Some(format!("{name}-monthly")),
        display_name: spec.display_name.to_owned(),
        price: spec.price,
        description: description(spec.features),
        on_demand: false,
        disabled: spec.disabled,
        position: Some(position),
        pricings: Some(AddonPricings {
            default: Some(AddonPricing {
                price: spec.price,
                currency: "EUR".to_owned(),
                period: "month".to_owned(),
            }),
        }),
        name,
    }
}

/// Every provider, by category, each with its plans (disabled ones
/// included: routes hide them unless asked).
pub fn providers() -> Vec<AddonProvider> {
    let categories = categories();
    PROVIDERS
        .iter()
        .map(|spec| AddonProvider {
            id: spec.id.to_owned(),
            name: spec.name.to_owned(),
            logo_url: Some(logo_path(spec.id)),
            short_description: spec.short_description.to_owned(),
            description: spec.description.to_owned(),
            category: categories.iter().find(|c| c.id == spec.category).cloned(),
            provider_name: Some(spec.provider_name.to_owned()),
            provider_url: Some(spec.provider_url.to_owned()),
            hds_available: spec.hds_available,
            plans: spec
                .plans
                .iter()
                .zip(1..)
                .map(|(plan, position)| addon_plan(spec.id, plan, position))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_is_categorised_and_priced() {
        let providers = providers();
        let categories = categories();
        for category in &categories {
            let count = providers
                .iter()
                .filter(|p| p.category.as_ref().map(|c| &c.id) == Some(&category.id))
                .count();
            assert!(count >= 2, "{}", category.id);
        }
        let mut plan_ids = Vec::new();
        for provider in &providers {
            assert!(provider.category.is_some(), "{}", provider.id);
            assert!((3..=6).contains(&provider.plans.len()), "{}", provider.id);
            assert!(provider.plans.iter().any(|p| p.price > 0.0));
            for plan in &provider.plans {
                assert_eq!(plan.id.len(), 24);
                assert!(plan.id.chars().all(|c| c.is_ascii_hexdigit()));
                assert!(plan.name.starts_with(&provider.id));
                plan_ids.push(plan.id.clone());
            }
        }
        let count = plan_ids.len();
        plan_ids.sort();
        plan_ids.dedup();
        assert_eq!(plan_ids.len(), count, "plan ids are unique");
        assert_eq!(stable_id("redis-sandbox"), stable_id("redis-sandbox"));
    }
}

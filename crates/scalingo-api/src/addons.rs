//! Addons: the catalogue (categories, providers and their plans), the
//! addons of an app and the bodies of their changes, and which addon an
//! environment variable comes from.
//!
//! Provisioning an addon adds environment variables to its app, named by
//! the platform's convention (`SCALINGO_<PROVIDER>_URL`, see
//! [`ADDON_VARIABLES`]): the simulator creates them from the same table
//! the dashboard reads them with ([`addon_of_variable`]).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::lenient;

/// The state of an addon; unknown values are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum AddonStatus {
    /// Being created: its variables are not there yet.
    #[default]
    Provisioning,
    Running,
    /// Stopped by the platform (an unpaid invoice, a plan gone); it can be
    /// resumed.
    Suspended,
    Other(String),
}

impl AddonStatus {
    pub fn as_str(&self) -> &str {
        match self {
            AddonStatus::Provisioning => "provisioning",
            AddonStatus::Running => "running",
            AddonStatus::Suspended => "suspended",
            AddonStatus::Other(other) => other,
        }
    }
}

impl From<String> for AddonStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "provisioning" => AddonStatus::Provisioning,
            "running" => AddonStatus::Running,
            "suspended" => AddonStatus::Suspended,
            _ => AddonStatus::Other(value),
        }
    }
}

impl From<AddonStatus> for String {
    fn from(value: AddonStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for AddonStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A missing or `null` status is unknown (and empty).
fn status<'de, D: Deserializer<'de>>(d: D) -> Result<AddonStatus, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or_else(unknown))
}

fn unknown() -> AddonStatus {
    AddonStatus::Other(String::new())
}

/// A group of providers (`Databases`, `Monitoring`…).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonCategory {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub description: Option<String>,
    /// The order categories are shown in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_u64"
    )]
    pub position: Option<u64>,
}

/// A price and what it is per.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonPricing {
    #[serde(default, deserialize_with = "lenient::f64")]
    pub price: f64,
    /// `EUR`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub currency: String,
    /// `month`, `hour`…
    #[serde(default, deserialize_with = "lenient::string")]
    pub period: String,
}

impl AddonPricing {
    /// The price over a month: hourly and daily prices are brought to a
    /// month of 730 hours (the average), yearly ones divided by 12.
    pub fn monthly(&self) -> f64 {
        match self.period.trim().to_ascii_lowercase().as_str() {
            "hour" | "hours" | "hourly" => self.price * 730.0,
            "day" | "days" | "daily" => self.price * 730.0 / 24.0,
            "year" | "years" | "yearly" | "annual" | "annually" => self.price / 12.0,
            _ => self.price,
        }
    }
}

/// `pricings` of a plan: its default pricing, when the API gives one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonPricings {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_object"
    )]
    pub default: Option<AddonPricing>,
}

/// A plan of a provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonPlan {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// `postgresql-starter-512`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// `Starter 512M`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub display_name: String,
    /// Euros per month.
    #[serde(default, deserialize_with = "lenient::f64")]
    pub price: f64,
    /// HTML from the API: show it as text (or sanitize it), never as
    /// markup.
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub sku: Option<String>,
    /// Billed by use rather than by month.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub on_demand: bool,
    /// No longer offered: an addon may still be on it, none can move to
    /// it.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub disabled: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_u64"
    )]
    pub position: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_object"
    )]
    pub pricings: Option<AddonPricings>,
}

impl AddonPlan {
    /// What the plan costs per month, in [`Self::currency`]: `price`, or
    /// the default pricing brought to a month when `price` is 0 and a
    /// pricing is given.
    pub fn monthly_price(&self) -> f64 {
        if self.price > 0.0 {
            return self.price;
        }
        self.default_pricing()
            .map_or(self.price, AddonPricing::monthly)
    }

    /// `EUR` unless the default pricing says otherwise.
    pub fn currency(&self) -> &str {
        self.default_pricing()
            .map(|p| p.currency.as_str())
            .filter(|c| !c.is_empty())
            .unwrap_or("EUR")
    }

    pub fn is_free(&self) -> bool {
        self.monthly_price() <= 0.0
    }

    fn default_pricing(&self) -> Option<&AddonPricing> {
        self.pricings.as_ref()?.default.as_ref()
    }
}

/// A provider of addons, with its plans.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonProvider {
    /// `postgresql`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// Only an `https` URL is fit to load.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub logo_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub short_description: String,
    /// HTML from the API (see [`AddonPlan::description`]).
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub category: Option<AddonCategory>,
    /// Who runs it (`Scalingo`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub provider_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub provider_url: Option<String>,
    /// Available for health data (HDS) apps.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub hds_available: bool,
    #[serde(default, deserialize_with = "lenient::vec")]
    pub plans: Vec<AddonPlan>,
}

/// The provider of an addon, as the addon names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonProviderRef {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub logo_url: Option<String>,
}

/// An addon of an app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Addon {
    /// `ad-<uuid>`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub app_id: Option<String>,
    /// The database's name at the provider (`my_app_1234`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub resource_id: String,
    #[serde(default = "unknown", deserialize_with = "status")]
    pub status: AddonStatus,
    /// `null` while provisioning.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub provisioned_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub deprovisioned_at: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub updated_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub addon_provider: Option<AddonProviderRef>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub plan: Option<AddonPlan>,
    /// Set by `POST …/addons/:id/token` only: a token of the database API,
    /// valid an hour.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub token: Option<String>,
    /// Set by `…/addons/:id/sso` only: the provider's dashboard, signed in,
    /// valid an hour.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub sso_url: Option<String>,
}

impl Addon {
    /// The provider's id (`postgresql`), empty when it is not given.
    pub fn provider_id(&self) -> &str {
        self.addon_provider.as_ref().map_or("", |p| p.id.as_str())
    }
}

/// `{"addon_providers": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonProvidersResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub addon_providers: Vec<AddonProvider>,
}

/// `{"plans": […]}` of `GET /addon_providers/:id/plans`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlansResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub plans: Vec<AddonPlan>,
}

/// `{"addon_categories": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonCategoriesResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub addon_categories: Vec<AddonCategory>,
}

/// `{"addons": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub addons: Vec<Addon>,
}

/// `{"addon", "message"?}`: an addon shown, created (the message says it
/// is being provisioned) or resumed; also the answers of `token` and
/// `sso`, whose addon carries `token` or `sso_url`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonResponse {
    pub addon: Addon,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub message: Option<String>,
}

/// The answer of `…/addons/:id/sso`: `{"addon": {…, "sso_url"}}`.
pub type SsoResponse = AddonResponse;
/// The answer of `…/addons/:id/token`: `{"addon": {…, "token"}}`.
pub type AddonTokenResponse = AddonResponse;

/// Names of variables, from a list of names, a list of `{name, …}` objects
/// or an object keyed by name.
fn variable_names<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(name) => Some(name),
                Value::Object(mut map) => match map.remove("name") {
                    Some(Value::String(name)) => Some(name),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        Value::Object(map) => map.into_iter().map(|(name, _)| name).collect(),
        _ => Vec::new(),
    })
}

/// The answer of a plan change (`PATCH /apps/:app/addons/:id`). Recorded
/// on the wire as `{"addon", "variables", "message"}`; the documentation
/// gives `{"vars", "message"}`: both are read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonUpdateResponse {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_object"
    )]
    pub addon: Option<Addon>,
    /// Names of the variables the addon gives its app.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "variable_names"
    )]
    pub variables: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "variable_names"
    )]
    pub vars: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub message: Option<String>,
}

impl AddonUpdateResponse {
    /// The variables' names, whichever key carried them.
    pub fn variable_names(&self) -> Vec<&str> {
        self.variables
            .iter()
            .chain(&self.vars)
            .map(String::as_str)
            .collect()
    }
}

/// What a creation sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewAddon {
    #[serde(default, deserialize_with = "lenient::string")]
    pub addon_provider_id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub plan_id: String,
    /// Provider-specific options (a database version…).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_object"
    )]
    pub options: Option<Map<String, Value>>,
}

/// Body of `POST /apps/:app/addons`: `{"addon": {"addon_provider_id",
/// "plan_id", "options"?}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAddonRequest {
    pub addon: NewAddon,
}

/// What a plan change sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddonUpdate {
    #[serde(default, deserialize_with = "lenient::string")]
    pub plan_id: String,
}

/// Body of `PATCH /apps/:app/addons/:id`: `{"addon": {"plan_id"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAddonRequest {
    pub addon: AddonUpdate,
}

/// The variables an addon of a provider gives its app, its URL first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddonVariables {
    pub provider_id: &'static str,
    pub names: &'static [&'static str],
}

impl AddonVariables {
    /// The variable with the addon's URL (or its main credential).
    pub fn main(&self) -> &'static str {
        self.names[0]
    }

    /// True for one of its names, or a sibling of its URL
    /// (`SCALINGO_POSTGRESQL_URL_<SUFFIX>`).
    pub fn owns(&self, name: &str) -> bool {
        self.names.contains(&name)
            || name
                .strip_prefix(self.main())
                .is_some_and(|rest| rest.starts_with('_') && rest.len() > 1)
    }
}

/// The variables of each provider the platform's convention names; a
/// provider missing here is expected to give `SCALINGO_<ID>_URL` (see
/// [`conventional_variable`]).
pub const ADDON_VARIABLES: &[AddonVariables] = &[
    AddonVariables {
        provider_id: "postgresql",
        names: &["SCALINGO_POSTGRESQL_URL"],
    },
    AddonVariables {
        provider_id: "mysql",
        names: &["SCALINGO_MYSQL_URL"],
    },
    AddonVariables {
        provider_id: "mongodb",
        names: &["SCALINGO_MONGO_URL"],
    },
    AddonVariables {
        provider_id: "redis",
        names: &["SCALINGO_REDIS_URL"],
    },
    AddonVariables {
        provider_id: "elasticsearch",
        names: &["SCALINGO_ELASTICSEARCH_URL"],
    },
    AddonVariables {
        provider_id: "opensearch",
        names: &["SCALINGO_OPENSEARCH_URL"],
    },
    AddonVariables {
        provider_id: "influxdb",
        names: &["SCALINGO_INFLUX_URL"],
    },
    AddonVariables {
        provider_id: "blackfire",
        names: &[
            "BLACKFIRE_SERVER_ID",
            "BLACKFIRE_SERVER_TOKEN",
            "BLACKFIRE_CLIENT_ID",
            "BLACKFIRE_CLIENT_TOKEN",
        ],
    },
    AddonVariables {
        provider_id: "scout",
        names: &["SCOUT_KEY", "SCOUT_MONITOR", "SCOUT_NAME"],
    },
    AddonVariables {
        provider_id: "papertrail",
        names: &["PAPERTRAIL_API_TOKEN", "PAPERTRAIL_HOST"],
    },
    AddonVariables {
        provider_id: "logtail",
        names: &["LOGTAIL_SOURCE_TOKEN"],
    },
    AddonVariables {
        provider_id: "mailjet",
        names: &["MAILJET_API_KEY", "MAILJET_SECRET_KEY", "MAILJET_SMTP_URL"],
    },
    AddonVariables {
        provider_id: "brevo",
        names: &["BREVO_API_KEY", "BREVO_SMTP_URL"],
    },
];

/// The entry of [`ADDON_VARIABLES`] of a provider.
pub fn addon_variables(provider_id: &str) -> Option<&'static AddonVariables> {
    ADDON_VARIABLES
        .iter()
        .find(|v| v.provider_id == provider_id)
}

/// `SCALINGO_<ID>_URL`, the convention for a provider's URL
/// (`my-db` → `SCALINGO_MY_DB_URL`).
pub fn conventional_variable(provider_id: &str) -> String {
    let id: String = provider_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("SCALINGO_{id}_URL")
}

/// The names of the variables an addon of `provider_id` gives its app.
pub fn variable_names_of(provider_id: &str) -> Vec<String> {
    match addon_variables(provider_id) {
        Some(entry) => entry.names.iter().map(|n| (*n).to_owned()).collect(),
        None => vec![conventional_variable(provider_id)],
    }
}

/// True when `name` is one of the variables an addon of `provider_id`
/// gives its app (or a sibling of its URL).
pub fn provider_owns_variable(provider_id: &str, name: &str) -> bool {
    if provider_id.is_empty() {
        return false;
    }
    if addon_variables(provider_id).is_some_and(|entry| entry.owns(name)) {
        return true;
    }
    let conventional = conventional_variable(provider_id);
    name == conventional
        || name
            .strip_prefix(&conventional)
            .is_some_and(|rest| rest.starts_with('_') && rest.len() > 1)
}

/// The addon an environment variable comes from, among the app's
/// `addons`: `SCALINGO_POSTGRESQL_URL` comes from its PostgreSQL addon.
/// `None` for a variable of the user's own (an alias such as
/// `DATABASE_URL=$SCALINGO_POSTGRESQL_URL` included: it refers to the
/// addon's variable, see [`crate::alias_target`]).
pub fn addon_of_variable<'a>(name: &str, addons: &'a [Addon]) -> Option<&'a Addon> {
    addons
        .iter()
        .find(|addon| provider_owns_variable(addon.provider_id(), name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addon(id: &str, provider: &str) -> Addon {
        Addon {
            id: id.into(),
            addon_provider: Some(AddonProviderRef {
                id: provider.into(),
                name: provider.into(),
                logo_url: None,
            }),
            ..Addon::default()
        }
    }

    #[test]
    fn variables_lead_to_their_addon() {
        let addons = [
            addon("ad-pg", "postgresql"),
            addon("ad-mongo", "mongodb"),
            addon("ad-bf", "blackfire"),
            addon("ad-new", "timescale-db"),
            Addon::default(),
        ];
        let of = |name: &str| addon_of_variable(name, &addons).map(|a| a.id.as_str());
        assert_eq!(of("SCALINGO_POSTGRESQL_URL"), Some("ad-pg"));
        assert_eq!(of("SCALINGO_POSTGRESQL_URL_PGBOUNCER"), Some("ad-pg"));
        assert_eq!(of("SCALINGO_POSTGRESQL_URL_"), None);
        assert_eq!(of("SCALINGO_MONGO_URL"), Some("ad-mongo"));
        assert_eq!(of("BLACKFIRE_CLIENT_TOKEN"), Some("ad-bf"));
        // A provider the table does not know follows the convention.
        assert_eq!(of("SCALINGO_TIMESCALE_DB_URL"), Some("ad-new"));
        // No such addon on this app; and the user's own variables.
        assert_eq!(of("SCALINGO_REDIS_URL"), None);
        assert_eq!(of("DATABASE_URL"), None);
        assert_eq!(of(""), None);
        assert_eq!(addon_of_variable("SCALINGO_POSTGRESQL_URL", &[]), None);
    }

    #[test]
    fn every_provider_of_the_table_has_a_main_variable() {
        for entry in ADDON_VARIABLES {
            assert!(!entry.names.is_empty(), "{}", entry.provider_id);
            assert!(entry
                .names
                .iter()
                .all(|n| crate::variable_name_errors(n).is_empty()));
            assert_eq!(variable_names_of(entry.provider_id)[0], entry.main());
        }
        assert_eq!(variable_names_of("my-db"), ["SCALINGO_MY_DB_URL"]);
        assert_eq!(
            addon_variables("redis").unwrap().main(),
            "SCALINGO_REDIS_URL"
        );
    }

    #[test]
    fn plans_give_a_monthly_price() {
        let plan: AddonPlan = serde_json::from_str(
            r#"{"id":"p1","name":"postgresql-starter-512","display_name":"Starter 512M",
                "price":14.4,"description":"<ul><li>512 MB</li></ul>","sku":"pg-512",
                "on_demand":false,"disabled":false}"#,
        )
        .unwrap();
        assert_eq!(plan.monthly_price(), 14.4);
        assert_eq!(plan.currency(), "EUR");
        assert!(!plan.is_free());
        let hourly: AddonPlan = serde_json::from_str(
            r#"{"price":null,"pricings":{"default":{"price":0.02,"currency":"USD","period":"hour"}}}"#,
        )
        .unwrap();
        assert!((hourly.monthly_price() - 14.6).abs() < 1e-9);
        assert_eq!(hourly.currency(), "USD");
        let monthly: AddonPlan = serde_json::from_str(
            r#"{"pricings":{"default":{"price":"9.5","currency":"EUR","period":"month"}}}"#,
        )
        .unwrap();
        assert_eq!(monthly.monthly_price(), 9.5);
        let free: AddonPlan = serde_json::from_str(r#"{"name":"sandbox","price":0}"#).unwrap();
        assert!(free.is_free());
    }

    #[test]
    fn odd_addons_and_providers_do_not_fail_their_lists() {
        let body = r#"{"addons":[
            {"id":"ad-1","resource_id":"shop_1234","status":"running",
             "provisioned_at":"2024-01-01T00:00:00.000Z","deprovisioned_at":null,
             "addon_provider":{"id":"postgresql","name":"PostgreSQL","logo_url":"https://x/pg.svg"},
             "plan":{"id":"p1","name":"postgresql-starter-512","price":"14.40"}},
            {"id":"ad-2","status":"melting","addon_provider":"redis","plan":null},
            {"id":"ad-3"}, 7]}"#;
        let list: AddonsResponse = serde_json::from_str(body).unwrap();
        assert_eq!(list.addons.len(), 3);
        assert_eq!(list.addons[0].status, AddonStatus::Running);
        assert_eq!(list.addons[0].provider_id(), "postgresql");
        assert_eq!(list.addons[0].plan.as_ref().unwrap().price, 14.4);
        assert_eq!(list.addons[1].status.as_str(), "melting");
        assert_eq!(list.addons[1].addon_provider, None);
        assert_eq!(list.addons[2].status, AddonStatus::Other(String::new()));

        let providers: AddonProvidersResponse = serde_json::from_str(
            r#"{"addon_providers":[{"id":"redis","name":"Redis","category":{"id":"db","name":"Databases"},
                "hds_available":"true","plans":[{"id":"p"},3]},{"id":"x","category":"db"}]}"#,
        )
        .unwrap();
        assert_eq!(providers.addon_providers.len(), 2);
        assert!(providers.addon_providers[0].hds_available);
        assert_eq!(providers.addon_providers[0].plans.len(), 1);
        assert_eq!(providers.addon_providers[1].category, None);
    }

    #[test]
    fn plan_change_answers_in_both_shapes() {
        let wire: AddonUpdateResponse = serde_json::from_str(
            r#"{"addon":{"id":"ad-1","status":"running"},"variables":["SCALINGO_REDIS_URL"],"message":"ok"}"#,
        )
        .unwrap();
        assert_eq!(wire.addon.as_ref().unwrap().id, "ad-1");
        assert_eq!(wire.variable_names(), ["SCALINGO_REDIS_URL"]);
        let documented: AddonUpdateResponse = serde_json::from_str(
            r#"{"vars":{"SCALINGO_REDIS_URL":"redis://…"},"message":"Plan changed"}"#,
        )
        .unwrap();
        assert_eq!(documented.addon, None);
        assert_eq!(documented.variable_names(), ["SCALINGO_REDIS_URL"]);
        assert_eq!(documented.message.as_deref(), Some("Plan changed"));
        let sso: SsoResponse =
            serde_json::from_str(r#"{"addon":{"id":"ad-1","sso_url":"https://db/sso?t=1"}}"#)
                .unwrap();
        assert_eq!(sso.addon.sso_url.as_deref(), Some("https://db/sso?t=1"));
    }

    #[test]
    fn request_bodies_have_the_reference_shapes() {
        let create = CreateAddonRequest {
            addon: NewAddon {
                addon_provider_id: "postgresql".into(),
                plan_id: "p1".into(),
                options: None,
            },
        };
        assert_eq!(
            serde_json::to_string(&create).unwrap(),
            r#"{"addon":{"addon_provider_id":"postgresql","plan_id":"p1"}}"#
        );
        let update = UpdateAddonRequest {
            addon: AddonUpdate {
                plan_id: "p2".into(),
            },
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"addon":{"plan_id":"p2"}}"#
        );
    }
}

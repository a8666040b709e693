//! What an addon puts in its app's environment: a URL with a generated
//! user and password for a database (`SCALINGO_POSTGRESQL_URL`), keys and
//! tokens for the others, under the names of
//! `scalingo_api::ADDON_VARIABLES` (or the convention,
//! `SCALINGO_<ID>_URL`, for a provider it does not list).

use rand::Rng;
use scalingo_api::variable_names_of;

use super::AddonVariable;

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn chars(rng: &mut impl Rng, alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| alphabet[rng.random_range(0..alphabet.len())] as char)
        .collect()
}

fn hex(rng: &mut impl Rng, bytes: usize) -> String {
    (0..bytes)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}

/// The database's name at the provider: the app's name and four digits
/// (`shop_api_4821`).
pub fn resource_id(app_name: &str, rng: &mut impl Rng) -> String {
    format!(
        "{}_{}",
        app_name.replace('-', "_"),
        rng.random_range(1000..10_000)
    )
}

/// The host of a database of `engine` in `region`.
fn host(resource_id: &str, engine: &str, region: &str) -> String {
    format!(
        "{}.{engine}.a.{region}.scalingo-dbs.com",
        resource_id.replace('_', "-")
    )
}

/// The value of `name` for an addon of `provider_id`.
fn value(
    provider_id: &str,
    name: &str,
    resource: &str,
    app_name: &str,
    region: &str,
    rng: &mut impl Rng,
) -> String {
    let password = chars(rng, ALPHANUMERIC, 20);
    let offset: u16 = rng.random_range(0..999);
    let port = |base: u16| base + offset;
    match (provider_id, name) {
        ("postgresql", _) => format!(
            "postgresql://{resource}:{password}@{}:{}/{resource}?sslmode=prefer",
            host(resource, "postgresql", region),
            port(30_000)
        ),
        ("mysql", _) => format!(
            "mysql://{resource}:{password}@{}:{}/{resource}?useSSL=true&verifyServerCertificate=false",
            host(resource, "mysql", region),
            port(33_000)
        ),
        ("mongodb", _) => format!(
            "mongodb://{resource}:{password}@{}:{}/{resource}?ssl=true",
            host(resource, "mongodb", region),
            port(32_000)
        ),
        ("redis", _) => format!(
            "redis://:{password}@{}:{}",
            host(resource, "redis", region),
            port(31_000)
        ),
        ("elasticsearch" | "opensearch" | "influxdb", _) => format!(
            "https://{resource}:{password}@{}:{}/{resource}",
            host(resource, provider_id, region),
            port(34_000)
        ),
        (_, "BLACKFIRE_SERVER_ID" | "BLACKFIRE_CLIENT_ID") => crate::domain::ids::uuid(rng),
        (_, "BLACKFIRE_SERVER_TOKEN" | "BLACKFIRE_CLIENT_TOKEN") => hex(rng, 32),
        (_, "SCOUT_KEY") => chars(rng, ALPHANUMERIC, 20),
        (_, "SCOUT_MONITOR") => "true".to_owned(),
        (_, "SCOUT_NAME") => app_name.to_owned(),
        (_, "PAPERTRAIL_API_TOKEN") => chars(rng, ALPHANUMERIC, 20),
        (_, "PAPERTRAIL_HOST") => format!("logs{}.papertrailapp.com:{}", rng.random_range(2..8), port(10_000)),
        (_, "LOGTAIL_SOURCE_TOKEN") => chars(rng, ALPHANUMERIC, 24),
        (_, "MAILJET_API_KEY" | "MAILJET_SECRET_KEY") => hex(rng, 16),
        (_, "MAILJET_SMTP_URL") => format!(
            "smtp://{}:{}@in-v3.mailjet.com:587",
            hex(rng, 16),
            hex(rng, 16)
        ),
        (_, "BREVO_API_KEY") => format!("xkeysib-{}-{}", hex(rng, 32), chars(rng, ALPHANUMERIC, 16)),
        (_, "BREVO_SMTP_URL") => format!(
            "smtp://{}%40smtp-brevo.com:{password}@smtp-relay.brevo.com:587",
            hex(rng, 4)
        ),
        // A provider the table does not know: a URL, by the convention.
        _ => format!(
            "https://{resource}:{password}@{}.addons.{region}.scalingo.com",
            resource.replace('_', "-")
        ),
    }
}

/// Every variable an addon of `provider_id` gives the app `app_name` of
/// `region`, with fresh credentials.
pub fn variables(
    provider_id: &str,
    resource: &str,
    app_name: &str,
    region: &str,
    rng: &mut impl Rng,
) -> Vec<AddonVariable> {
    variable_names_of(provider_id)
        .into_iter()
        .map(|name| AddonVariable {
            value: value(provider_id, &name, resource, app_name, region, rng),
            name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn database_urls_carry_a_user_and_a_password() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let resource = resource_id("shop-api", &mut rng);
        assert!(resource.starts_with("shop_api_") && resource.len() == 13);
        let pg = variables("postgresql", &resource, "shop-api", "osc-fr1", &mut rng);
        assert_eq!(pg.len(), 1);
        assert_eq!(pg[0].name, "SCALINGO_POSTGRESQL_URL");
        assert!(pg[0]
            .value
            .starts_with(&format!("postgresql://{resource}:")));
        assert!(pg[0]
            .value
            .contains(".postgresql.a.osc-fr1.scalingo-dbs.com:"));
        let redis = variables("redis", &resource, "shop-api", "osc-fr1", &mut rng);
        assert!(redis[0].value.starts_with("redis://:"));
        let blackfire = variables("blackfire", &resource, "shop-api", "osc-fr1", &mut rng);
        assert_eq!(blackfire.len(), 4);
        let other = variables("my-db", &resource, "shop-api", "osc-fr1", &mut rng);
        assert_eq!(other[0].name, "SCALINGO_MY_DB_URL");
        for variable in pg.iter().chain(&redis).chain(&blackfire).chain(&other) {
            assert!(
                scalingo_api::variable_errors(&variable.name, &variable.value).is_empty(),
                "{variable:?}"
            );
        }
    }
}

//! The environments of the demo apps: 5 to 30 variables each, as a team
//! sets them on the platform: the add-ons' URLs (`SCALINGO_POSTGRESQL_URL`)
//! and the aliases to them the code reads (`DATABASE_URL=$SCALINGO_…`),
//! the framework's settings, secrets (random hex, API keys) and, on some
//! apps, a multi-line PEM key.

use rand::{seq::SliceRandom, Rng};

use super::Generator;
use crate::domain::{ids, model::VariableRecord};

/// Lowercase hex of `bytes` random bytes.
pub(crate) fn hex(g: &mut Generator, bytes: usize) -> String {
    (0..bytes)
        .map(|_| format!("{:02x}", g.rng.random::<u8>()))
        .collect()
}

/// Characters of `alphabet`, `len` of them.
fn chars(g: &mut Generator, alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| alphabet[g.rng.random_range(0..alphabet.len())] as char)
        .collect()
}

const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const UPPER_DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A private key in PEM: 64-character lines between the markers.
pub(crate) fn pem(g: &mut Generator) -> String {
    let body = chars(g, BASE64, 64 * 25 + 24);
    let mut lines = vec!["-----BEGIN PRIVATE KEY-----".to_owned()];
    lines.extend(
        body.as_bytes()
            .chunks(64)
            .map(|line| String::from_utf8_lossy(line).into_owned()),
    );
    lines.push("-----END PRIVATE KEY-----".to_owned());
    lines.join("\n")
}

/// What a database add-on's URL looks like (its port drawn above
/// `base_port`).
fn addon_url(g: &mut Generator, scheme: &str, app: &str, region: &str, base_port: u16) -> String {
    let port = base_port + g.rng.random_range(0..999);
    let user = format!(
        "{}_{}",
        app.replace('-', "_"),
        g.rng.random_range(1000..9999)
    );
    let password = chars(
        g,
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        20,
    );
    let host = format!(
        "{}.{scheme}.a.{region}.scalingo-dbs.com",
        user.replace('_', "-")
    );
    format!("{scheme}://{user}:{password}@{host}:{port}/{user}?sslmode=prefer")
}

/// The variables of `app` (a name, its region, its buildpack's language),
/// 5 to 30 of them, with a PEM key when `with_pem`.
pub(crate) fn environment(
    g: &mut Generator,
    app_id: &str,
    app: &str,
    region: &str,
    language: &str,
    with_pem: bool,
) -> Vec<VariableRecord> {
    let wanted = g.rng.random_range(5..=30usize);
    let mut pairs: Vec<(String, String)> = vec![
        (
            "SCALINGO_POSTGRESQL_URL".into(),
            addon_url(g, "postgresql", app, region, 30_000),
        ),
        ("DATABASE_URL".into(), "$SCALINGO_POSTGRESQL_URL".into()),
    ];
    let framework: &[(&str, &str)] = match language {
        "ruby" => &[
            ("RAILS_ENV", "production"),
            ("RACK_ENV", "production"),
            ("RAILS_LOG_TO_STDOUT", "enabled"),
            ("RAILS_SERVE_STATIC_FILES", "true"),
        ],
        "python" => &[
            ("DJANGO_SETTINGS_MODULE", "config.settings.production"),
            ("PYTHONUNBUFFERED", "1"),
        ],
        "php" => &[("APP_ENV", "production"), ("APP_DEBUG", "false")],
        "go" => &[("GO_ENV", "production"), ("GOMAXPROCS", "2")],
        _ => &[
            ("NODE_ENV", "production"),
            ("NPM_CONFIG_PRODUCTION", "true"),
        ],
    };
    pairs.extend(
        framework
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    let secret_name = match language {
        "ruby" => "SECRET_KEY_BASE",
        "python" => "DJANGO_SECRET_KEY",
        "php" => "APP_KEY",
        _ => "SESSION_SECRET",
    };
    pairs.push((secret_name.into(), hex(g, 64)));
    if with_pem {
        pairs.push(("JWT_PRIVATE_KEY".into(), pem(g)));
    }
    let redis = addon_url(g, "redis", app, region, 31_000);
    let sentry = format!(
        "https://{}@o{}.ingest.sentry.io/{}",
        hex(g, 16),
        g.rng.random_range(100_000..999_999),
        g.rng.random_range(1_000_000..9_999_999)
    );
    let mut extras: Vec<(String, String)> = vec![
        ("SCALINGO_REDIS_URL".into(), redis),
        ("REDIS_URL".into(), "$SCALINGO_REDIS_URL".into()),
        ("SENTRY_DSN".into(), sentry),
        ("LOG_LEVEL".into(), "info".into()),
        (
            "WEB_CONCURRENCY".into(),
            g.rng.random_range(2..5).to_string(),
        ),
        ("MAX_THREADS".into(), "5".into()),
        ("TZ".into(), "Europe/Paris".into()),
        (
            "APP_URL".into(),
            format!("https://{app}.{region}.scalingo.io"),
        ),
        ("MAILER_FROM".into(), format!("no-reply@{app}.example.com")),
        ("SMTP_ADDRESS".into(), "smtp.example-mail.com".into()),
        ("SMTP_USERNAME".into(), format!("{app}-mailer")),
        ("SMTP_PASSWORD".into(), hex(g, 16)),
        (
            "AWS_ACCESS_KEY_ID".into(),
            format!("AKIA{}", chars(g, UPPER_DIGITS, 16)),
        ),
        ("AWS_SECRET_ACCESS_KEY".into(), chars(g, BASE64, 40)),
        ("AWS_REGION".into(), "eu-west-3".into()),
        ("S3_BUCKET".into(), format!("{app}-uploads")),
        (
            "STRIPE_SECRET_KEY".into(),
            format!("sk_live_{}", chars(g, BASE64, 32).replace(['+', '/'], "x")),
        ),
        (
            "STRIPE_WEBHOOK_SECRET".into(),
            format!("whsec_{}", hex(g, 16)),
        ),
        ("GITHUB_WEBHOOK_SECRET".into(), hex(g, 20)),
        ("FEATURE_FLAGS".into(), "new_checkout,fast_search".into()),
        ("CORS_ORIGINS".into(), format!("https://{app}.example.com")),
        ("SESSION_TIMEOUT_MINUTES".into(), "30".into()),
        ("BASIC_AUTH_PASSWORD".into(), hex(g, 12)),
        (
            "ANALYTICS_URL".into(),
            "https://plausible.example.com/js/script.js".into(),
        ),
        ("ERROR_PAGE_URL".into(), "$APP_URL".into()),
        ("DEFAULT_LOCALE".into(), "fr".into()),
        ("PAGINATION_LIMIT".into(), "50".into()),
        (
            "SCALINGO_MONGO_URL".into(),
            addon_url(g, "mongodb", app, region, 32_000),
        ),
    ];
    extras.shuffle(&mut g.rng);
    // The add-on, the framework and the secret always; extras up to the
    // number drawn.
    let wanted = wanted.max(pairs.len());
    // An alias comes with what it refers to.
    for (name, value) in extras {
        if pairs.len() >= wanted {
            break;
        }
        if let Some(target) = scalingo_api::alias_target(&value) {
            if !pairs.iter().any(|(n, _)| n == target) {
                continue;
            }
        }
        pairs.push((name, value));
    }
    pairs
        .into_iter()
        .map(|(name, value)| VariableRecord {
            id: ids::object_id(&mut g.rng),
            app_id: app_id.to_owned(),
            name,
            value,
        })
        .collect()
}

//! What each buildpack prints while it builds, and how its builds usually
//! fail. Versions and counts vary with the deployment (its seed), so two
//! builds of an app do not print the same text.

use super::{error, info, step};

/// The lines of a build, each with a weight (how long it takes compared
/// with the others), and where a failing build stops: after `install`
/// lines, once the dependencies start installing.
pub struct Script {
    pub lines: Vec<(u32, String)>,
    pub install: usize,
}

/// `items[…]` chosen by a few bits of the seed (`slot` picks which).
fn pick<'a>(seed: u64, slot: u32, items: &[&'a str]) -> &'a str {
    let index = (seed.rotate_right(slot * 7) % items.len() as u64) as usize;
    items[index]
}

/// A number from `low` to `high` chosen by the seed.
fn between(seed: u64, slot: u32, low: u64, high: u64) -> u64 {
    low + seed.rotate_right(slot * 11) % (high - low + 1)
}

/// The buildpacks the simulator knows, by the language names of
/// `DeploymentRecord::language`.
pub const LANGUAGES: [&str; 5] = ["ruby", "nodejs", "python", "php", "go"];

/// The build of `language` (Node.js for an unknown one), up to the image.
pub fn script(language: &str, seed: u64, cold_cache: bool, types: &[String]) -> Script {
    let mut script = match language {
        "ruby" => ruby(seed, cold_cache),
        "python" => python(seed, cold_cache),
        "php" => php(seed),
        "go" => go(seed),
        _ => nodejs(seed, cold_cache),
    };
    script.lines.push((1, step("Discovering process types")));
    let declared = if types.is_empty() {
        "web".to_owned()
    } else {
        types.join(", ")
    };
    script
        .lines
        .push((1, info(&format!("Procfile declares types -> {declared}"))));
    script
}

/// What a failing build of `language` prints after its last good line.
pub fn failure(language: &str, seed: u64) -> Vec<String> {
    match language {
        "ruby" => vec![
            info("Fetching gem metadata from https://rubygems.org/........."),
            info("Resolving dependencies..."),
            info("Could not find compatible versions"),
            info(""),
            info(&format!(
                "Because every version of sidekiq-cron depends on fugit >= 1.{}",
                between(seed, 1, 8, 11)
            )),
            info("  and Gemfile depends on fugit = 1.5.3,"),
            info("  sidekiq-cron cannot be used."),
            info("So, because Gemfile depends on sidekiq-cron >= 0,"),
            info("  version solving has failed."),
            error(""),
            error("Failed to install gems via Bundler."),
            error(""),
            error("Push rejected, failed to compile Ruby app."),
        ],
        "python" => vec![
            info("Collecting pillow-simd==10.2.0 (from -r requirements.txt (line 14))"),
            info("  Downloading pillow-simd-10.2.0.tar.gz (818 kB)"),
            info("  error: subprocess-exited-with-error"),
            info("  × python setup.py egg_info did not run successfully."),
            info("  │ exit code: 1"),
            info("  ╰─> The headers or library files could not be found for jpeg,"),
            info("      a required dependency when compiling Pillow from source."),
            error("Build failed: could not install the requirements of requirements.txt"),
            error("Push rejected, failed to compile Python app."),
        ],
        "php" => vec![
            info("Your lock file does not contain a compatible set of packages."),
            info("  Problem 1"),
            info("    - laravel/framework is locked to version v11.2.0 and an update of this package was not requested."),
            info("    - laravel/framework v11.2.0 requires php ^8.2 -> your php version (8.1.27) does not satisfy that requirement."),
            error("Dependency installation failed!"),
            error("Push rejected, failed to compile PHP app."),
        ],
        "go" => vec![
            info("go: downloading github.com/prometheus/client_golang v1.19.0"),
            info("internal/collector/scrape.go:87:14: undefined: metrics.NewSummaryVec"),
            info("internal/collector/scrape.go:112:3: too many arguments in call to c.flush"),
            info("\thave (context.Context, []Sample, bool)"),
            info("\twant (context.Context, []Sample)"),
            error("Compilation failed."),
            error("Push rejected, failed to compile Go app."),
        ],
        _ => vec![
            info("npm ERR! code ERESOLVE"),
            info("npm ERR! ERESOLVE unable to resolve dependency tree"),
            info("npm ERR!"),
            info("npm ERR! While resolving: storefront@1.0.0"),
            info(&format!(
                "npm ERR! Found: react@18.{}.0",
                between(seed, 2, 0, 3)
            )),
            info("npm ERR! Could not resolve dependency:"),
            info("npm ERR! peer react@\"^17.0.0\" from react-beautiful-dnd@13.1.1"),
            step("Build failed"),
            error("We're sorry this build is failing!"),
            error("Push rejected, failed to compile Node.js app."),
        ],
    }
}

/// The name of a language in the platform's messages.
pub fn display_name(language: &str) -> &'static str {
    match language {
        "ruby" => "Ruby",
        "python" => "Python",
        "php" => "PHP",
        "go" => "Go",
        _ => "Node.js",
    }
}

fn ruby(seed: u64, cold_cache: bool) -> Script {
    let bundler = pick(seed, 1, &["2.4.22", "2.5.6", "2.5.11"]);
    let ruby = pick(seed, 2, &["3.2.3", "3.3.0", "3.3.4"]);
    let gems = between(seed, 3, 110, 160);
    let mut lines = vec![
        (1, step("Ruby app detected")),
        (1, step(&format!("Installing bundler {bundler}"))),
        (1, step("Removing BUNDLED WITH version in the Gemfile.lock")),
        (1, step("Compiling Ruby/Rails")),
        (1, step(&format!("Using Ruby version: ruby-{ruby}"))),
        (
            2,
            step(&format!("Installing dependencies using bundler {bundler}")),
        ),
    ];
    let install = lines.len();
    lines.extend([
        (
            1,
            info(
                "Running: BUNDLE_WITHOUT='development:test' BUNDLE_DEPLOYMENT=1 bundle install -j4",
            ),
        ),
        (
            3,
            info("Fetching gem metadata from https://rubygems.org/........."),
        ),
    ]);
    if cold_cache {
        for gem in [
            "nokogiri 1.16.2 (x86_64-linux)",
            "pg 1.5.6 with native extensions",
            "puma 6.4.2 with native extensions",
            "bootsnap 1.18.3 with native extensions",
            "sidekiq 7.2.2",
        ] {
            lines.push((4, info(&format!("Installing {gem}"))));
        }
    } else {
        lines.push((1, info("Using rails 7.1.3.2")));
        lines.push((2, info("Installing sidekiq 7.2.2")));
    }
    lines.extend([
        (
            1,
            info(&format!(
                "Bundle complete! 46 Gemfile dependencies, {gems} gems now installed."
            )),
        ),
        (
            1,
            info("Gems in the groups 'development' and 'test' were not installed."),
        ),
        (1, info("Bundled gems are installed into `./vendor/bundle`")),
        (1, step("Preparing app for Rails asset pipeline")),
        (1, info("Running: rake assets:precompile")),
        (
            6,
            info(&format!(
                "Writing /build/public/assets/application-{:016x}.css",
                seed
            )),
        ),
        (1, info("Asset precompilation completed")),
        (1, step("Detecting rake tasks")),
    ]);
    Script { lines, install }
}

fn nodejs(seed: u64, cold_cache: bool) -> Script {
    let node = pick(seed, 1, &["18.19.1", "20.11.1", "20.15.0", "22.4.1"]);
    let packages = between(seed, 2, 420, 1300);
    let mut lines = vec![
        (1, step("Node.js app detected")),
        (1, step("Creating runtime environment")),
        (1, info("NPM_CONFIG_LOGLEVEL=error")),
        (1, info("NODE_ENV=production")),
        (1, info("NODE_MODULES_CACHE=true")),
        (1, step("Installing binaries")),
        (
            1,
            info(&format!("engines.node (package.json):  {}.x", &node[..2])),
        ),
        (
            2,
            info(&format!("Downloading and installing node {node}...")),
        ),
    ];
    if cold_cache {
        lines.push((1, step("No build cache found, installing everything")));
    } else {
        lines.push((1, step("Restoring cache")));
        lines.push((1, info("- node_modules")));
    }
    lines.push((1, step("Installing dependencies")));
    let install = lines.len();
    let audited = if cold_cache { 31 } else { 9 };
    lines.extend([
        (1, info("Installing node modules (package-lock.json)")),
        (
            8,
            info(&format!(
                "added {packages} packages, and audited {} packages in {audited}s",
                packages + 1
            )),
        ),
        (1, info("found 0 vulnerabilities")),
        (1, step("Build")),
        (1, info("Running build")),
        (6, info("> tsc -p tsconfig.build.json && vite build")),
        (1, info("\u{1b}[32m✓\u{1b}[39m 1284 modules transformed.")),
        (1, step("Pruning devDependencies")),
        (2, info(&format!("removed {} packages", packages / 3))),
        (1, step("Caching build")),
        (1, step("Build succeeded!")),
    ]);
    Script { lines, install }
}

fn python(seed: u64, cold_cache: bool) -> Script {
    let python = pick(seed, 1, &["3.11.8", "3.12.2", "3.12.4"]);
    let mut lines = vec![
        (1, step("Python app detected")),
        (1, step("Using Python version specified in runtime.txt")),
        (2, step(&format!("Installing python-{python}"))),
        (
            1,
            step("Installing pip 24.0, setuptools 69.1.0 and wheel 0.42.0"),
        ),
        (1, step("Installing requirements with pip")),
    ];
    let install = lines.len();
    let packages: &[&str] = if cold_cache {
        &[
            "Django==5.0.3",
            "psycopg[binary]==3.1.18",
            "Pillow==10.2.0",
            "celery==5.3.6",
            "gunicorn==21.2.0",
        ]
    } else {
        &["Django==5.0.3", "gunicorn==21.2.0"]
    };
    for package in packages {
        lines.push((3, info(&format!("Collecting {package}"))));
    }
    lines.extend([
        (4, info("Installing collected packages: ...")),
        (1, info("Successfully installed the requirements")),
        (1, step("$ python manage.py collectstatic --noinput")),
        (
            3,
            info(&format!(
                "{} static files copied to '/build/staticfiles'.",
                between(seed, 2, 120, 400)
            )),
        ),
    ]);
    Script { lines, install }
}

fn php(seed: u64) -> Script {
    let php = pick(seed, 1, &["8.2.16", "8.3.4"]);
    let mut lines = vec![
        (1, step("Bootstrapping...")),
        (1, step("Installing platform packages...")),
        (2, info(&format!("- php ({php})"))),
        (1, info("- composer (2.7.2)")),
        (1, info("- nginx (1.24.0)")),
        (1, step("Installing dependencies...")),
    ];
    let install = lines.len();
    lines.extend([
        (1, info("Composer version 2.7.2")),
        (1, info("Installing dependencies from lock file")),
        (
            8,
            info(&format!(
                "Package operations: {} installs, 0 updates, 0 removals",
                between(seed, 2, 60, 140)
            )),
        ),
        (1, info("Generating optimized autoload files")),
        (2, step("Preparing runtime environment...")),
        (1, info("- Using Procfile")),
    ]);
    Script { lines, install }
}

fn go(seed: u64) -> Script {
    let go = pick(seed, 1, &["1.21.8", "1.22.1", "1.22.5"]);
    let mut lines = vec![
        (1, step("Go app detected")),
        (1, step(&format!("Installing go{go}"))),
        (
            2,
            step(&format!("Fetching go{go}.linux-amd64.tar.gz... done")),
        ),
        (1, step("Determining packages to install")),
    ];
    let install = lines.len();
    lines.extend([
        (1, info("Detected the following main packages to install:")),
        (1, info("  example.com/collector/cmd/collector")),
        (
            1,
            step("Running: go install -v -tags scalingo -ldflags -s -w ./cmd/collector"),
        ),
        (8, info("example.com/collector/internal/collector")),
        (1, info("example.com/collector/cmd/collector")),
        (1, step("Installed the following binaries:")),
        (1, info("./bin/collector")),
    ]);
    Script { lines, install }
}

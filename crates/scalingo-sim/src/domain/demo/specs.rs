//! The demo data itself: who the users are, which apps they own, how those
//! apps run and who collaborates on them. `super` turns it into records.

pub(crate) const ADA: usize = 0;
pub(crate) const GRACE: usize = 1;
pub(crate) const LINUS: usize = 2;
pub(crate) const MARGARET: usize = 3;

pub(crate) const USERS: [(&str, &str, &str, Option<&str>); 4] = [
    (
        "ada",
        "Ada Lovelace",
        "ada@example.com",
        Some("Analytical Engines Ltd"),
    ),
    (
        "grace",
        "Grace Hopper",
        "grace@example.com",
        Some("Compilers & Co"),
    ),
    ("linus", "Linus Pauling", "linus@example.com", None),
    (
        "margaret",
        "Margaret Hamilton",
        "margaret@example.com",
        Some("Apollo Software"),
    ),
];

/// One process type of a demo app: how many containers (a range the seed
/// picks from) and which sizes.
pub(crate) struct Process {
    pub(crate) name: &'static str,
    pub(crate) amount: (u32, u32),
    pub(crate) sizes: &'static [&'static str],
    pub(crate) command: &'static str,
}

pub(crate) const fn process(
    name: &'static str,
    amount: (u32, u32),
    sizes: &'static [&'static str],
    command: &'static str,
) -> Process {
    Process {
        name,
        amount,
        sizes,
        command,
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Running,
    Stopped,
    Crashed,
    Booting,
    New,
}

pub(crate) struct Spec {
    pub(crate) name: &'static str,
    pub(crate) owner: usize,
    /// Ignored for apps of other users (their default project is used).
    pub(crate) project: &'static str,
    pub(crate) kind: Kind,
    pub(crate) processes: &'static [Process],
    /// Age range in days.
    pub(crate) age: (i64, i64),
    pub(crate) stack: &'static str,
}

pub(crate) const WEB_S: &[Process] = &[process("web", (1, 2), &["S"], "")];

pub(crate) const APPS: &[Spec] = &[
    Spec {
        name: "shop-api",
        owner: ADA,
        project: "storefront",
        kind: Kind::Running,
        age: (200, 380),
        stack: "scalingo-22",
        processes: &[
            process("web", (2, 3), &["M", "L"], ""),
            process("worker", (1, 2), &["M"], "bundle exec sidekiq"),
            process("clock", (1, 1), &["S"], "bundle exec clockwork clock.rb"),
        ],
    },
    Spec {
        name: "shop-web",
        owner: ADA,
        project: "storefront",
        kind: Kind::Running,
        age: (150, 360),
        stack: "scalingo-22",
        processes: &[process("web", (2, 4), &["M", "L"], "")],
    },
    Spec {
        name: "shop-worker",
        owner: ADA,
        project: "storefront",
        kind: Kind::Booting,
        age: (90, 300),
        stack: "scalingo-24",
        processes: &[process(
            "worker",
            (2, 3),
            &["M", "L"],
            "bundle exec sidekiq -q default -q mailers",
        )],
    },
    Spec {
        name: "admin-portal",
        owner: ADA,
        project: "internal-tools",
        kind: Kind::Running,
        age: (60, 250),
        stack: "any",
        processes: &[process("web", (1, 1), &["S", "M"], "")],
    },
    Spec {
        name: "metrics-collector",
        owner: ADA,
        project: "internal-tools",
        kind: Kind::Running,
        age: (30, 200),
        stack: "any",
        processes: &[
            process("web", (1, 1), &["S"], ""),
            process(
                "worker",
                (2, 4),
                &["M", "L"],
                "./bin/collector --interval 10s",
            ),
        ],
    },
    Spec {
        name: "legacy-crm",
        owner: ADA,
        project: "internal-tools",
        kind: Kind::Stopped,
        age: (330, 365),
        stack: "scalingo-20",
        processes: &[
            process("web", (0, 0), &["M"], ""),
            process("worker", (0, 0), &["S"], "php artisan queue:work"),
        ],
    },
    Spec {
        name: "docs-site",
        owner: ADA,
        project: "internal-tools",
        kind: Kind::Running,
        age: (20, 120),
        stack: "any",
        processes: WEB_S,
    },
    Spec {
        name: "status-page",
        owner: ADA,
        project: "default",
        kind: Kind::Running,
        age: (100, 300),
        stack: "any",
        processes: WEB_S,
    },
    Spec {
        name: "patient-records",
        owner: ADA,
        project: "default",
        kind: Kind::Running,
        age: (40, 180),
        stack: "scalingo-24",
        processes: &[
            process("web", (2, 2), &["L", "XL"], ""),
            process("worker", (1, 1), &["L"], "node dist/worker.js"),
        ],
    },
    Spec {
        name: "image-resizer",
        owner: ADA,
        project: "default",
        kind: Kind::Crashed,
        age: (10, 60),
        stack: "any",
        processes: &[
            process("web", (1, 2), &["M"], ""),
            process("worker", (1, 1), &["M"], "python -m resizer.worker"),
        ],
    },
    Spec {
        name: "marketing-site",
        owner: ADA,
        project: "default",
        kind: Kind::New,
        age: (0, 2),
        stack: "any",
        processes: &[],
    },
    Spec {
        name: "billing-service",
        owner: GRACE,
        project: "default",
        kind: Kind::Running,
        age: (250, 365),
        stack: "scalingo-22",
        processes: &[
            process("web", (2, 2), &["M"], ""),
            process("worker", (1, 2), &["M"], "bundle exec sidekiq"),
            process("clock", (1, 1), &["S"], "bundle exec clockwork clock.rb"),
        ],
    },
    Spec {
        name: "compiler-lab",
        owner: GRACE,
        project: "default",
        kind: Kind::Running,
        age: (5, 90),
        stack: "any",
        processes: &[process("web", (1, 1), &["XL"], "")],
    },
    Spec {
        name: "mobile-backend",
        owner: LINUS,
        project: "default",
        kind: Kind::Running,
        age: (60, 240),
        stack: "any",
        processes: &[
            process("web", (2, 4), &["L"], ""),
            process("worker", (1, 1), &["M"], "node worker.js"),
        ],
    },
    Spec {
        name: "data-pipeline",
        owner: MARGARET,
        project: "default",
        kind: Kind::Running,
        age: (120, 300),
        stack: "any",
        processes: &[
            process("worker", (2, 4), &["XL"], "python -m pipeline.run"),
            process("clock", (1, 1), &["S"], "python -m pipeline.schedule"),
        ],
    },
];

/// The parent of the review apps.
pub(crate) const PARENT: &str = "shop-api";

/// A review app of the parent (named after its pull request).
pub(crate) const REVIEW_APP: Spec = Spec {
    name: "",
    owner: ADA,
    project: "storefront",
    kind: Kind::Running,
    processes: WEB_S,
    age: (1, 12),
    stack: "any",
};

/// (app, user, accepted, limited): who collaborates on what. A pending
/// invitation to someone without an account has no user.
pub(crate) const COLLABORATIONS: &[(&str, Option<usize>, bool, bool)] = &[
    ("shop-api", Some(GRACE), true, false),
    ("shop-api", Some(LINUS), true, false),
    ("shop-api", Some(MARGARET), false, false),
    ("shop-web", Some(GRACE), true, false),
    ("shop-worker", Some(GRACE), true, true),
    ("admin-portal", Some(MARGARET), true, false),
    ("docs-site", None, false, false),
    ("patient-records", Some(LINUS), true, true),
    ("billing-service", Some(ADA), true, false),
    ("billing-service", Some(LINUS), true, false),
    ("compiler-lab", Some(LINUS), true, false),
    ("mobile-backend", Some(ADA), true, false),
    ("data-pipeline", Some(ADA), true, true),
];

/// The email of the invitation sent to someone without an account.
pub(crate) const INVITEE: &str = "bob@example.org";

/// Ada's projects in the SecNumCloud region (projects are regional).
pub(crate) const SECNUM_PROJECTS: &[&str] = &["default", "compliance"];

/// Ada's apps in the SecNumCloud region: health data and other regulated
/// workloads, with names of their own (names are unique per region, but
/// distinct names keep the demo unambiguous).
pub(crate) const SECNUM_APPS: &[Spec] = &[
    Spec {
        name: "health-records-api",
        owner: ADA,
        project: "compliance",
        kind: Kind::Running,
        age: (60, 200),
        stack: "scalingo-22",
        processes: &[
            process("web", (2, 2), &["L"], ""),
            process("worker", (1, 1), &["M"], "bundle exec sidekiq -q records"),
        ],
    },
    Spec {
        name: "secure-gateway",
        owner: ADA,
        project: "default",
        kind: Kind::Running,
        age: (30, 150),
        stack: "scalingo-24",
        processes: &[process("web", (2, 3), &["M"], "")],
    },
    Spec {
        name: "audit-vault",
        owner: ADA,
        project: "compliance",
        kind: Kind::Running,
        age: (90, 300),
        stack: "any",
        processes: &[
            process("web", (1, 1), &["S", "M"], ""),
            process("worker", (1, 1), &["M"], "python -m vault.archiver"),
        ],
    },
    Spec {
        name: "kyc-archive",
        owner: ADA,
        project: "compliance",
        kind: Kind::Stopped,
        age: (200, 360),
        stack: "scalingo-22",
        processes: &[
            process("web", (0, 0), &["M"], ""),
            process("worker", (0, 0), &["S"], "node dist/reindex.js"),
        ],
    },
];

/// Who collaborates on the SecNumCloud apps (as `COLLABORATIONS`).
pub(crate) const SECNUM_COLLABORATIONS: &[(&str, Option<usize>, bool, bool)] = &[
    ("secure-gateway", Some(GRACE), true, false),
    ("audit-vault", Some(MARGARET), true, true),
];

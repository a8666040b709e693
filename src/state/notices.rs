//! Short confirmations and failures shown as toasts ("Force HTTPS is on",
//! "Signal sent"), which outlive the component that raised them.

use std::time::Duration;

use leptos::prelude::*;

/// How long a notice stays.
const LIFETIME: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub key: u64,
    pub tone: Tone,
    pub text: String,
}

/// The notices context. `Copy`.
#[derive(Clone, Copy)]
pub struct Notices {
    items: RwSignal<Vec<Notice>>,
    next_key: StoredValue<u64>,
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

impl Notices {
    pub fn new() -> Self {
        Notices {
            items: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        }
    }

    pub fn all(&self) -> Vec<Notice> {
        self.items.get()
    }

    pub fn success(&self, text: impl Into<String>) {
        self.push(Tone::Success, text.into());
    }

    pub fn error(&self, text: impl Into<String>) {
        self.push(Tone::Error, text.into());
    }

    pub fn dismiss(&self, key: u64) {
        self.items.update(|items| items.retain(|n| n.key != key));
    }

    fn push(&self, tone: Tone, text: String) {
        let key = self.next_key.with_value(|k| *k);
        self.next_key.set_value(key + 1);
        self.items.update(|items| {
            items.push(Notice { key, tone, text });
            let excess = items.len().saturating_sub(4);
            items.drain(..excess);
        });
        let this = *self;
        // Errors stay until dismissed: they may need reading twice.
        if tone == Tone::Success {
            set_timeout(move || this.dismiss(key), LIFETIME);
        }
    }
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

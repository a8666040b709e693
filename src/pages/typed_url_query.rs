//! A view state in the URL with a free-text field (a filter, a search) that
//! the page follows at every keystroke, and the URL once typing pauses.
//! Writing the URL replaces a history entry and matches the routes again,
//! a few milliseconds each time: at every keystroke, a list of thousands
//! of apps could no longer be filtered within a frame.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::url_query::{use_url_query, UrlQuery, UrlState};

/// How long typing pauses before the URL follows.
const URL_AFTER_MS: u32 = 250;

/// The view state of a page, with its text as typed. `Copy`.
pub struct TypedUrlState<Q: UrlQuery> {
    url: UrlState<Q>,
    /// The state as shown: the URL's, with the text as typed.
    query: Memo<Q>,
    typed: RwSignal<String>,
    /// The text last written to the URL by this page: the URL coming back
    /// with it is this page's own write, not a navigation.
    written: StoredValue<String>,
    pending: StoredValue<Option<Timeout>, LocalStorage>,
    field: fn(&mut Q) -> &mut String,
}

impl<Q: UrlQuery> Clone for TypedUrlState<Q> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Q: UrlQuery> Copy for TypedUrlState<Q> {}

impl<Q: UrlQuery> TypedUrlState<Q> {
    /// The state as shown (reactive).
    pub fn get(&self) -> Q {
        self.query.get()
    }

    /// The text as typed (reactive).
    pub fn text(&self) -> String {
        self.typed.get()
    }

    /// The user typed: shown at once, in the URL when typing pauses.
    pub fn type_text(&self, text: String) {
        self.typed.set(text);
        let this = *self;
        let timer = Timeout::new(URL_AFTER_MS, move || this.write_typed());
        // Replacing the timer cancels the previous one.
        self.pending.try_set_value(Some(timer));
    }

    fn write_typed(&self) {
        let Some(text) = self.typed.try_get_untracked() else {
            return;
        };
        self.written.set_value(text.clone());
        let field = self.field;
        self.url.update(|next| *field(next) = text);
    }

    /// Changes the state, text included, and writes it to the URL now.
    pub fn update(&self, change: impl FnOnce(&mut Q)) {
        let Some(mut next) = self.query.try_get_untracked() else {
            return;
        };
        change(&mut next);
        self.pending.try_set_value(None);
        let text = (self.field)(&mut next).clone();
        self.written.set_value(text.clone());
        if self.typed.get_untracked() != text {
            self.typed.set(text);
        }
        self.url.set(next);
    }
}

/// The view state of the page at `path`, whose text is `field`.
pub fn use_typed_url_query<Q: UrlQuery>(
    path: String,
    field: fn(&mut Q) -> &mut String,
) -> TypedUrlState<Q> {
    let url = use_url_query::<Q>(path);
    let initial = field(&mut url.get_untracked()).clone();
    let typed = RwSignal::new(initial.clone());
    let written = StoredValue::new(initial);
    let pending = StoredValue::new_local(None::<Timeout>);
    // The address changed elsewhere (back, forward, a link): its text is
    // shown, and a write still waiting is dropped.
    Effect::new(move |_| {
        let mut shown = url.get();
        let from_url = std::mem::take(field(&mut shown));
        if written.with_value(|w| *w != from_url) {
            pending.set_value(None);
            written.set_value(from_url.clone());
            if typed.get_untracked() != from_url {
                typed.set(from_url);
            }
        }
    });
    let query = Memo::new(move |_| {
        let mut q = url.get();
        *field(&mut q) = typed.get();
        q
    });
    TypedUrlState {
        url,
        query,
        typed,
        written,
        pending,
        field,
    }
}

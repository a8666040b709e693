use leptos::prelude::*;

/// How a button looks: what it does to the page decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonVariant {
    #[default]
    Default,
    /// The main action of a form or a page.
    Primary,
    /// An action that destroys or stops something.
    Danger,
    /// A quiet action beside others (Cancel, Dismiss).
    Ghost,
}

/// How big a button is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonSize {
    #[default]
    Normal,
    /// In tables and toolbars.
    Small,
    /// A square button holding one glyph (give it an accessible name).
    Icon,
}

impl ButtonVariant {
    fn class(self) -> &'static str {
        match self {
            ButtonVariant::Default => "",
            ButtonVariant::Primary => " button--primary",
            ButtonVariant::Danger => " button--danger",
            ButtonVariant::Ghost => " button--ghost",
        }
    }
}

impl ButtonSize {
    fn class(self) -> &'static str {
        match self {
            ButtonSize::Normal => "",
            ButtonSize::Small => " button--small",
            ButtonSize::Icon => " button--icon",
        }
    }
}

/// A button. Its handlers (`on:click`) and other attributes
/// (`attr:aria-label`, `attr:title`…) go to the `<button>` element.
#[component]
pub fn Button(
    #[prop(optional)] variant: ButtonVariant,
    #[prop(optional)] size: ButtonSize,
    /// A submit button of its form; otherwise a plain button.
    #[prop(optional)]
    submit: bool,
    #[prop(into, optional)] disabled: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let class = format!("button{}{}", variant.class(), size.class());
    view! {
        <button
            type=if submit { "submit" } else { "button" }
            class=class
            disabled=move || disabled.get()
        >
            {children()}
        </button>
    }
}
